package io.healthsync.routes;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.healthsync.mappings.ConfigLoader;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.mappings.SecretRef;
import io.healthsync.mappings.SourcesConfig;
import io.healthsync.sandbox.SalesforceSandbox;
import io.healthsync.sandbox.SandboxOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** validate --org: the mapped Account fields, and the playbooks' key field on Task and Opportunity. */
class OrgFieldCheckTest {

    private static final Map<String, String> ENV = Map.of("T_ID", "client", "T_SECRET", "s3cr3t");
    private static final String V = "/services/data/v60.0";

    private static HealthsyncConfig config(String loginUrl) {
        HealthsyncConfig defaults = ConfigLoader.load(null);
        SourcesConfig.Salesforce sf = defaults.sources().salesforce();
        SourcesConfig.Auth auth = new SourcesConfig.Auth("client_credentials", new SecretRef("T_ID", null),
                new SecretRef("T_SECRET", null), null, null, null);
        return defaults.withSources(new SourcesConfig(new SourcesConfig.Salesforce(true, sf.cron(), loginUrl, "60.0", auth,
                sf.objects(), 2000, 0, 730)));
    }

    private static String describe(String name, Map<String, Boolean> updateable) {
        StringBuilder json = new StringBuilder("{\"name\":\"" + name + "\",\"fields\":[{\"name\":\"Id\",\"type\":\"id\","
                + "\"updateable\":false,\"length\":18}");
        updateable.forEach((field, canUpdate) -> json.append(",{\"name\":\"").append(field)
                .append("\",\"type\":\"string\",\"updateable\":").append(canUpdate).append(",\"length\":255}"));
        return json.append("]}").toString();
    }

    @Test
    void the_sandbox_org_has_every_mapped_field_and_the_playbook_keys() throws Exception {
        try (SalesforceSandbox sandbox = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(5))) {
            assertThat(OrgFieldCheck.problems(config(sandbox.loginUrl()), ENV)).isEmpty();
        }
    }

    @Test
    void a_task_without_the_key_field_and_an_opportunity_key_the_user_cannot_edit_are_each_said() throws Exception {
        WireMockServer org = new WireMockServer(options().dynamicPort());
        org.start();
        try {
            String base = "http://localhost:" + org.port();
            org.stubFor(post("/services/oauth2/token").willReturn(okJson("{\"access_token\":\"00Dxx!AQ4AQtoken\","
                    + "\"instance_url\":\"" + base + "\",\"id\":\"" + base + "/id/00D5e000000SBXAEA4/0055e000000SBXBAA4\","
                    + "\"token_type\":\"Bearer\",\"issued_at\":\"1764000000000\",\"signature\":\"c2ln\"}")));
            org.stubFor(get(urlPathMatching("/services/oauth2/revoke.*")).willReturn(aResponse().withStatus(200)));
            HealthsyncConfig config = config(base);
            Map<String, Boolean> account = new java.util.LinkedHashMap<>();
            config.fields().accountRead().values().forEach(f -> account.put(f, false));
            config.fields().accountWrite().values().forEach(f -> account.put(f, true));
            org.stubFor(get(urlPathMatching(V + "/sobjects/Account/describe/?")).willReturn(okJson(describe("Account", account))));
            org.stubFor(get(urlPathMatching(V + "/sobjects/Task/describe/?")).willReturn(okJson(describe("Task",
                    Map.of("Subject", true)))));
            org.stubFor(get(urlPathMatching(V + "/sobjects/Opportunity/describe/?")).willReturn(okJson(describe("Opportunity",
                    Map.of("Healthsync_Key__c", false)))));

            List<String> problems = OrgFieldCheck.problems(config, ENV);

            assertThat(problems).containsExactly(
                    "playbooks.yaml: Task.Healthsync_Key__c does not exist in the org: the playbooks' Tasks are not "
                            + "created until it does (deploy/salesforce has its metadata)",
                    "playbooks.yaml: Opportunity.Healthsync_Key__c exists but is not editable by this user (field-level "
                            + "security; the Healthsync_Integration permission set grants it)");
        } finally {
            org.stop();
        }
    }
}
