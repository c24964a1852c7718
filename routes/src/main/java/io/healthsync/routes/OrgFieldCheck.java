package io.healthsync.routes;

import io.healthsync.connectors.salesforce.SObjectDescribe;
import io.healthsync.connectors.salesforce.SalesforceComponentFactory;
import io.healthsync.connectors.salesforce.SalesforceErrorKind;
import io.healthsync.mappings.FieldMapping;
import io.healthsync.mappings.HealthsyncConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Asks the org (sObject describes) whether every field fields.yaml maps exists, and whether the ones we write
 * are updateable; and, when playbooks.yaml creates Tasks or Opportunities, whether they have the
 * Healthsync_Key__c field the upserts need. Answers in lines a RevOps person can act on.
 */
public final class OrgFieldCheck {

    private OrgFieldCheck() {
    }

    public static List<String> problems(HealthsyncConfig config, Map<String, String> env) throws Exception {
        List<String> problems = new ArrayList<>();
        try (CamelContext camel = new DefaultCamelContext()) {
            var component = SalesforceComponentFactory.create(config.sources().salesforce(), env);
            component.setLazyLogin(true); // a refused or failed login is a problem to report, not a failed start
            camel.addComponent("salesforce", component);
            camel.start();
            String body;
            try {
                body = camel.createProducerTemplate().requestBodyAndHeader(
                        "salesforce:getDescription?rawPayload=true", null, "sObjectName", "Account", String.class);
            } catch (Exception e) {
                problems.add("cannot describe Account in the org at " + config.sources().salesforce().loginUrl() + ": "
                        + SalesforceErrorKind.describe(e) + " (check sources.yaml salesforce.login_url and the credentials "
                        + "in salesforce.auth)");
                return problems;
            }
            SObjectDescribe account = SObjectDescribe.parse(body);
            FieldMapping fields = config.fields();
            fields.accountRead().forEach((attribute, field) -> {
                if (account.field(field).isEmpty()) {
                    problems.add("fields.yaml account.read." + attribute + ": Account." + field
                            + " does not exist in the org (the pull goes on without it)");
                }
            });
            fields.accountWrite().forEach((result, field) -> {
                var described = account.field(field);
                if (described.isEmpty()) {
                    problems.add("fields.yaml account.write." + result + ": Account." + field
                            + " does not exist in the org (deploy/salesforce has its metadata)");
                } else if (!described.get().updateable()) {
                    problems.add("fields.yaml account.write." + result + ": Account." + field
                            + " exists but is not updateable by this user (field-level security)");
                }
            });
            for (String sobject : playbookObjects(config)) {
                checkPlaybookKey(camel, sobject, problems);
            }
        }
        return problems;
    }

    /** The sObjects the enabled playbooks create records in. */
    static List<String> playbookObjects(HealthsyncConfig config) {
        List<String> objects = new ArrayList<>();
        for (var playbook : config.playbooks().playbooks()) {
            boolean enabled = playbook.enabled() || playbook.cohorts().values().stream().anyMatch(p -> p.enabled());
            String sobject = switch (playbook.action()) {
                case TASK, ESCALATION_TASK -> "Task";
                case OPPORTUNITY -> "Opportunity";
                case LOG_ONLY -> null;
            };
            if (enabled && sobject != null && !objects.contains(sobject)) {
                objects.add(sobject);
            }
        }
        return objects;
    }

    private static void checkPlaybookKey(CamelContext camel, String sobject, List<String> problems) {
        String key = io.healthsync.writeback.CrmPlaybookRecord.KEY_FIELD;
        try {
            String body = camel.createProducerTemplate().requestBodyAndHeader(
                    "salesforce:getDescription?rawPayload=true", null, "sObjectName", sobject, String.class);
            var field = SObjectDescribe.parse(body).field(key);
            if (field.isEmpty()) {
                problems.add("playbooks.yaml: " + sobject + "." + key + " does not exist in the org: the playbooks' "
                        + sobject + "s are not created until it does (deploy/salesforce has its metadata)");
            } else if (!field.get().updateable()) {
                problems.add("playbooks.yaml: " + sobject + "." + key + " exists but is not editable by this user "
                        + "(field-level security; the Healthsync_Integration permission set grants it)");
            }
        } catch (Exception e) {
            problems.add("playbooks.yaml: cannot describe " + sobject + " in the org: " + SalesforceErrorKind.describe(e)
                    + " (the integration user needs access to " + sobject + " for the playbooks)");
        }
    }
}
