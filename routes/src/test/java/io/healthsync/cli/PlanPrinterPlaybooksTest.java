package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.mappings.FieldMapping;
import io.healthsync.mappings.PlaybooksConfig.ActionKind;
import io.healthsync.mappings.PlaybooksConfig.Priority;
import io.healthsync.model.Account;
import io.healthsync.scoring.playbooks.PlannedAction;
import io.healthsync.writeback.FieldChange;
import io.healthsync.writeback.PlannedWrite;
import io.healthsync.writeback.WritebackPlan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The playbooks' part of a printed plan: the Tasks and Opportunities to create, and every action as CSV. */
class PlanPrinterPlaybooksTest {

    private static final FieldMapping FIELDS = new FieldMapping(Map.of(),
            Map.of("health_score", "Health_Score__c", "health_band", "Health_Band__c"),
            new FieldMapping.WritebackPolicy(2, 200, 255));
    private static final Map<String, String> USERS = Map.of("005ANA", "Ana Silva", "005BEN", "Ben Okafor");
    private static final LocalDate DUE = LocalDate.of(2026, 11, 26);

    private final List<Account> accounts = new ArrayList<>(List.of(
            account("001A", "Acme, Inc.", "005ANA"), account("001B", "Beta", "005BEN"), account("001C", "Gamma", null)));
    private final List<PlannedWrite> writes = new ArrayList<>();
    private final List<PlannedAction> actions = new ArrayList<>();

    private static Account account(String id, String name, String ownerId) {
        return new Account(id, name, "SMB", "Software", 48_000.0, 10, null, null, ownerId, null, null, Map.of());
    }

    private static PlannedAction task(String accountId, String ownerId, String subject, boolean heldOut) {
        return new PlannedAction(accountId, "outreach", ActionKind.TASK, ownerId, DUE, Priority.HIGH, subject,
                "No human touch in 41 days (-8 pts)", accountId + ":outreach:2026-W48", heldOut,
                "outreach: fell 15 points in 4 days");
    }

    private static PlannedAction opportunity(String accountId, String ownerId, Double amount) {
        return new PlannedAction(accountId, "expansion_ready", ActionKind.OPPORTUNITY, ownerId, DUE, Priority.NORMAL,
                "Expansion: Beta", "Ready to grow", accountId + ":expansion_ready:2026-W48", false,
                "expansion_ready: expansion propensity 0.85 and green; high tier", amount);
    }

    private static PlannedAction logOnly(String accountId) {
        return new PlannedAction(accountId, "light_touch", ActionKind.LOG_ONLY, null, DUE, Priority.LOW, "FYI Gamma",
                "drifting", accountId + ":light_touch:2026-W48", false, "light_touch: fell 7 points in 4 days");
    }

    private WritebackPlan plan() {
        return new WritebackPlan("p1", LocalDate.of(2026, 11, 24), Instant.parse("2026-11-24T08:00:00Z"), 10, writes,
                List.of(), actions, List.of(), List.of());
    }

    private String table(int limit) {
        PlanPrinter printer = new PlanPrinter(FIELDS, accounts, USERS);
        return text(out -> printer.table(out, printer.view(plan(), PlanPrinter.Sort.CHANGE, Set.of(), null), limit));
    }

    @Test
    void lists_each_task_and_opportunity_with_owner_name_due_date_priority_amount_subject_and_why() {
        actions.add(task("001A", "005ANA", "Call Acme", false));
        actions.add(opportunity("001B", "005BEN", 14_400.0));
        actions.add(task("001C", "005ZOE", "Call Gamma", true));
        actions.add(logOnly("001C"));

        String table = table(20);

        assertThat(table).contains("\nPlaybooks: 2 to create in Salesforce, 1 held out (no action, measured), 1 logged only\n"
                + "\nTask for Acme, Inc. (001A), owner Ana Silva, due 2026-11-26, high priority\n"
                + "    Call Acme\n"
                + "    why: outreach: fell 15 points in 4 days\n"
                + "\nOpportunity for Beta (001B), owner Ben Okafor, due 2026-11-26, normal priority, amount $14,400\n"
                + "    Expansion: Beta\n"
                + "    why: expansion_ready: expansion propensity 0.85 and green; high tier\n");
        // the held-out and log-only ones are counted, not listed
        assertThat(table).doesNotContain("Call Gamma").doesNotContain("FYI Gamma");
    }

    @Test
    void an_owner_without_a_name_shows_its_id_and_no_owner_says_the_integration_user() {
        actions.add(task("001C", "005ZOE", "Call Gamma", false));
        actions.add(opportunity("001B", null, null));

        String table = table(20);

        assertThat(table).contains("Task for Gamma (001C), owner 005ZOE, due 2026-11-26, high priority\n")
                .contains("Opportunity for Beta (001B), owner (integration user), due 2026-11-26, normal priority\n")
                .doesNotContain("amount");
    }

    @Test
    void an_action_for_an_account_not_in_the_list_shows_its_id() {
        actions.add(task("001Z", "005ANA", "Call Zed", false));

        assertThat(table(20)).contains("Task for 001Z (001Z), owner Ana Silva");
    }

    @Test
    void the_actions_follow_the_account_writes_and_respect_the_limit() {
        writes.add(new PlannedWrite("Account", "001A", "Acme, Inc.", List.of(new FieldChange("Health_Score__c", "70", "55")),
                Map.of("Health_Score__c", 55), Map.of(), "score 70 -> 55 (-15)", List.of()));
        actions.add(task("001A", "005ANA", "Call Acme", false));
        actions.add(task("001B", "005BEN", "Call Beta", false));
        actions.add(task("001C", null, "Call Gamma", false));

        String table = table(2);

        assertThat(table.indexOf("Playbooks: 3 to create")).isGreaterThan(table.indexOf("score 70 -> 55"));
        assertThat(table).contains("    Call Acme\n").contains("    Call Beta\n").doesNotContain("Call Gamma")
                .contains("\n... and 1 more (--limit N, or --output csv --actions for all)\n");
    }

    @Test
    void a_plan_without_actions_prints_no_playbooks_section() {
        writes.add(new PlannedWrite("Account", "001A", "Acme, Inc.", List.of(new FieldChange("Health_Score__c", "70", "55")),
                Map.of("Health_Score__c", 55), Map.of(), "score 70 -> 55 (-15)", List.of()));

        assertThat(table(20)).doesNotContain("Playbooks").doesNotContain("why:");
        writes.clear();
        assertThat(table(20)).doesNotContain("Playbooks");
    }

    @Test
    void a_plan_with_only_actions_still_lists_them() {
        actions.add(task("001A", "005ANA", "Call Acme", false));

        assertThat(table(20)).contains("Plan p1 (as of 2026-11-24): 0 of 10 accounts change, 0 fields\n")
                .contains("Playbooks: 1 to create in Salesforce, 0 held out (no action, measured), 0 logged only")
                .contains("Task for Acme, Inc. (001A)");
    }

    @Test
    void the_actions_csv_has_every_action_held_out_ones_included_quoted_as_rfc_4180_says() {
        actions.add(task("001A", "005ANA", "Call \"Acme\", today", false));
        actions.add(opportunity("001B", "005BEN", 14_400.0));
        actions.add(task("001C", "005ZOE", "Call Gamma", true));
        actions.add(logOnly("001C"));

        String csv = print(out -> new PlanPrinter(FIELDS, accounts, USERS).actionsCsv(out, plan()));

        assertThat(csv).isEqualTo(
                "kind,account_id,account,playbook,owner,due,priority,subject,amount,held_out,key,reason\r\n"
                        + "task,001A,\"Acme, Inc.\",outreach,Ana Silva,2026-11-26,High,\"Call \"\"Acme\"\", today\",,false,"
                        + "001A:outreach:2026-W48,outreach: fell 15 points in 4 days\r\n"
                        + "opportunity,001B,Beta,expansion_ready,Ben Okafor,2026-11-26,Normal,Expansion: Beta,14400,false,"
                        + "001B:expansion_ready:2026-W48,expansion_ready: expansion propensity 0.85 and green; high tier\r\n"
                        + "task,001C,Gamma,outreach,005ZOE,2026-11-26,High,Call Gamma,,true,001C:outreach:2026-W48,"
                        + "outreach: fell 15 points in 4 days\r\n"
                        + "log_only,001C,Gamma,light_touch,,2026-11-26,Low,FYI Gamma,,false,001C:light_touch:2026-W48,"
                        + "light_touch: fell 7 points in 4 days\r\n");
    }

    @Test
    void the_actions_csv_of_a_plan_without_actions_is_its_header() {
        String csv = print(out -> new PlanPrinter(FIELDS, accounts, USERS).actionsCsv(out, plan()));

        assertThat(csv).isEqualTo("kind,account_id,account,playbook,owner,due,priority,subject,amount,held_out,key,reason\r\n");
    }

    @Test
    void an_amount_with_cents_keeps_them_in_the_csv() {
        actions.add(opportunity("001B", "005BEN", 5_880.5));

        String csv = print(out -> new PlanPrinter(FIELDS, accounts, USERS).actionsCsv(out, plan()));

        assertThat(csv.split("\r\n")[1]).contains(",Expansion: Beta,5880.5,false,");
    }

    private static String print(Consumer<PrintStream> printing) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        printing.accept(out);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String text(Consumer<PrintStream> printing) {
        return print(printing).replace(System.lineSeparator(), "\n");
    }
}
