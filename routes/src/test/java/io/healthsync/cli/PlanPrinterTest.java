package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.mappings.FieldMapping;
import io.healthsync.model.Account;
import io.healthsync.model.Band;
import io.healthsync.writeback.FieldChange;
import io.healthsync.writeback.PlannedWrite;
import io.healthsync.writeback.WritebackPlan;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class PlanPrinterTest {

    private static final FieldMapping FIELDS = new FieldMapping(Map.of(),
            Map.of("health_score", "Health_Score__c", "health_band", "Health_Band__c", "health_drivers", "Health_Drivers__c"),
            new FieldMapping.WritebackPolicy(2, 200, 255));
    private static final Map<String, String> USERS = Map.of("005ANA", "Ana Silva", "005BEN", "Ben Okafor");

    private final List<Account> accounts = new ArrayList<>();
    private final List<PlannedWrite> writes = new ArrayList<>();

    // ---- sorting ----------------------------------------------------------------------------------

    @Test
    void should_sort_by_biggest_score_move_first_then_first_writes_then_unchanged_scores() {
        account("001A", "Alpha", 10_000.0, "005ANA");
        move("001A", "60", "55", "Yellow", "Yellow");                 // -5
        account("001B", "Beta", 10_000.0, "005ANA");
        move("001B", "40", "64", "Yellow", "Yellow");                 // +24
        account("001C", "Gamma", 90_000.0, "005ANA");
        move("001C", null, "30", null, "Red");                        // first write
        account("001D", "Delta", 5_000.0, "005ANA");
        move("001D", "70", "49", "Green", "Yellow");                  // -21
        account("001E", "Epsilon", 1_000.0, "005ANA", Map.of("Health_Score__c", "52", "Health_Band__c", "Yellow"));
        write("001E", "Health_Band__c was changed in the CRM to \"Green\"",
                new FieldChange("Health_Drivers__c", "old text", "new text"));  // score unchanged

        assertThat(ids(view(PlanPrinter.Sort.CHANGE))).containsExactly("001B", "001D", "001A", "001C", "001E");
    }

    @Test
    void should_break_ties_by_arr_largest_first_then_by_name() {
        account("001A", "zeta", 10_000.0, null);
        move("001A", "50", "60", "Yellow", "Yellow");
        account("001B", "Acme", 10_000.0, null);
        move("001B", "70", "60", "Green", "Yellow");
        account("001C", "Mid", 20_000.0, null);
        move("001C", "40", "50", "Yellow", "Yellow");
        account("001D", "No ARR", null, null);
        move("001D", "40", "50", "Yellow", "Yellow");

        // all moved 10 points: ARR first (unknown last), then name ignoring case
        assertThat(ids(view(PlanPrinter.Sort.CHANGE))).containsExactly("001C", "001B", "001A", "001D");
        assertThat(ids(view(PlanPrinter.Sort.ARR))).containsExactly("001C", "001B", "001A", "001D");
    }

    @Test
    void should_sort_by_lowest_new_score_or_by_largest_arr() {
        account("001A", "Alpha", 5_000.0, null);
        move("001A", "50", "80", "Yellow", "Green");
        account("001B", "Beta", 50_000.0, null);
        move("001B", "50", "35", "Yellow", "Yellow");
        account("001C", "Gamma", 20_000.0, null);
        move("001C", null, "12", null, "Red");

        assertThat(ids(view(PlanPrinter.Sort.SCORE))).containsExactly("001C", "001B", "001A");
        assertThat(ids(view(PlanPrinter.Sort.ARR))).containsExactly("001B", "001C", "001A");
    }

    // ---- filtering --------------------------------------------------------------------------------

    @Test
    void should_show_only_the_accounts_whose_new_band_is_asked_for() {
        account("001A", "Alpha", 1.0, null);
        move("001A", "50", "20", "Yellow", "Red");
        account("001B", "Beta", 2.0, null);
        move("001B", "20", "50", "Red", "Yellow");
        account("001C", "Gamma", 3.0, null);
        move("001C", "50", "90", "Yellow", "Green");

        assertThat(ids(view(Set.of(Band.RED), null))).containsExactly("001A");
        assertThat(ids(view(Set.of(Band.RED, Band.GREEN), null))).containsExactlyInAnyOrder("001A", "001C");
        assertThat(view(Set.of(Band.RED), null).filters()).isEqualTo("band red");
        assertThat(view(Set.of(), null).filtered()).isFalse();
    }

    @Test
    void should_match_the_owner_by_user_id_or_by_name_ignoring_case() {
        account("001A", "Alpha", 1.0, "005ANA");
        move("001A", "50", "20", "Yellow", "Red");
        account("001B", "Beta", 2.0, "005BEN");
        move("001B", "20", "50", "Red", "Yellow");
        account("001C", "Gamma", 3.0, "005ZOE"); // an owner not pulled as a user
        move("001C", "50", "90", "Yellow", "Green");
        account("001D", "Delta", 4.0, null);
        move("001D", "50", "90", "Yellow", "Green");

        assertThat(ids(view(Set.of(), "ana silva"))).containsExactly("001A");
        assertThat(ids(view(Set.of(), "005ben"))).containsExactly("001B");
        assertThat(ids(view(Set.of(), "005ZOE"))).containsExactly("001C");
        assertThat(ids(view(Set.of(), "Ana"))).isEmpty();
        assertThat(ids(view(Set.of(Band.RED), "Ben Okafor"))).isEmpty();
    }

    // ---- table ------------------------------------------------------------------------------------

    @Test
    void should_show_name_id_segment_arr_owner_scores_reason_and_each_driver_once() {
        account("001A", "Acme, Inc.", 48_000.0, "005ANA");
        writes.add(new PlannedWrite("Account", "001A", "Acme, Inc.", List.of(
                new FieldChange("Health_Score__c", "64.0", "41"), new FieldChange("Health_Band__c", "Yellow", "Red"),
                new FieldChange("Health_Drivers__c", "old", "No human touch in 266 days (-18 pts); No open opportunities (-5 pts)")),
                Map.of(), Map.of(), "score 64 -> 41 (-23); Health_Band__c was changed in the CRM to \"Yellow\"",
                List.of("No human touch in 266 days (-18 pts)", "No open opportunities (-5 pts)")));

        String table = table(view(PlanPrinter.Sort.CHANGE), 20);

        assertThat(table).contains("Showing 1 of 1, sorted by change")
                .contains("Acme, Inc. (001A), Enterprise, $48,000, owner Ana Silva")
                .contains("    score 64 -> 41 (-23), band Yellow -> Red")
                .contains("    reason: Health_Band__c was changed in the CRM to \"Yellow\"")
                .contains("    - No human touch in 266 days (-18 pts)\n    - No open opportunities (-5 pts)")
                .doesNotContain("why:");
        assertThat(table.split("No human touch in 266 days", -1)).hasSize(2);
        assertThat(table.split("score 64 -> 41", -1)).hasSize(2);
    }

    @Test
    void should_fall_back_to_the_owner_id_and_say_what_is_unknown() {
        accounts.add(new Account("001A", "Solo", null, null, null, null, null, null, "005ZOE", null, null, Map.of()));
        move("001A", null, "30", null, "Red");

        String table = table(view(PlanPrinter.Sort.CHANGE), 20);

        assertThat(table).contains("Solo (001A), no segment, ARR unknown, owner 005ZOE")
                .contains("    score (none) -> 30, band (none) -> Red")
                .contains("    reason: first write");
    }

    @Test
    void should_say_how_many_are_shown_of_the_plan_and_how_many_more_match() {
        for (int i = 0; i < 5; i++) {
            account("001" + i, "Account " + i, 1_000.0 * i, "005ANA");
            move("001" + i, "50", String.valueOf(20 + i), "Yellow", "Red");
        }
        account("0019", "Green one", 1.0, "005BEN");
        move("0019", "50", "90", "Yellow", "Green");

        String table = table(view(Set.of(Band.RED), "ana silva"), 3);

        assertThat(table).contains("Plan p1 (as of 2026-11-02): 6 of 10 accounts change")
                .contains("Showing 3 of 6 (band red; owner ana silva), sorted by change")
                .contains("... and 2 more (--limit N to see more");
    }

    @Test
    void should_format_arr_in_whole_dollars_with_thousands_separators() {
        assertThat(PlanPrinter.arr(48_000)).isEqualTo("$48,000");
        assertThat(PlanPrinter.arr(1_234_567.49)).isEqualTo("$1,234,567");
        assertThat(PlanPrinter.arr(999.5)).isEqualTo("$1,000");
        assertThat(PlanPrinter.arr(0)).isEqualTo("$0");
        assertThat(PlanPrinter.arr(-2_500)).isEqualTo("-$2,500");
    }

    // ---- footer -----------------------------------------------------------------------------------

    @Test
    void an_empty_plan_says_there_is_nothing_to_write_and_never_suggests_apply() {
        PlanPrinter.View view = view(PlanPrinter.Sort.CHANGE);

        String printed = text(out -> {
            new PlanPrinter(FIELDS, accounts, USERS).table(out, view, 20);
            PlanPrinter.footer(out, view);
        });

        assertThat(printed).contains("Nothing to write: the CRM already holds these values.")
                .doesNotContain("apply").doesNotContain("Showing");
    }

    @Test
    void a_plan_with_writes_says_how_to_apply_exactly_it_and_that_apply_writes_all_of_it_when_filtered() {
        account("001A", "Alpha", 1.0, null);
        move("001A", "50", "20", "Yellow", "Red");
        account("001B", "Beta", 2.0, null);
        move("001B", "20", "50", "Red", "Yellow");

        String all = text(out -> PlanPrinter.footer(out, view(PlanPrinter.Sort.CHANGE)));
        String filtered = text(out -> PlanPrinter.footer(out, view(Set.of(Band.RED), null)));

        assertThat(all).isEqualTo("Apply exactly this plan with: healthsync apply --plan p1\n");
        assertThat(filtered).isEqualTo("Apply exactly this plan with: healthsync apply --plan p1\n"
                + "(that writes all 2 accounts of the plan, not only the 1 shown)\n");
    }

    // ---- csv --------------------------------------------------------------------------------------

    @Test
    void should_quote_csv_fields_as_rfc_4180_says() {
        assertThat(PlanPrinter.csvField("plain text")).isEqualTo("plain text");
        assertThat(PlanPrinter.csvField("Acme, Inc.")).isEqualTo("\"Acme, Inc.\"");
        assertThat(PlanPrinter.csvField("the \"big\" one")).isEqualTo("\"the \"\"big\"\" one\"");
        assertThat(PlanPrinter.csvField("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(PlanPrinter.csvField("cr\rhere")).isEqualTo("\"cr\rhere\"");
        assertThat(PlanPrinter.csvField("")).isEmpty();
        assertThat(PlanPrinter.csvField(null)).isEmpty();
    }

    @Test
    void should_write_one_csv_row_per_shown_account_with_crlf_line_ends() {
        account("001A", "Acme, \"the\" Inc.", 48_000.0, "005ANA");
        writes.add(new PlannedWrite("Account", "001A", "Acme", List.of(
                new FieldChange("Health_Score__c", "64", "41"), new FieldChange("Health_Band__c", "Yellow", "Red")),
                Map.of(), Map.of(), "score 64 -> 41 (-23)", List.of("No human touch in 266 days (-18 pts)", "1 open opportunity (+4 pts)")));
        account("001B", "Beta", 1_500.5, null);
        move("001B", null, "80", null, "Green");

        String csv = print(out -> new PlanPrinter(FIELDS, accounts, USERS).csv(out, view(PlanPrinter.Sort.CHANGE)));

        assertThat(csv).isEqualTo(
                "account_id,name,segment,arr,owner,old_score,new_score,old_band,new_band,reason,drivers\r\n"
                        + "001A,\"Acme, \"\"the\"\" Inc.\",Enterprise,48000,Ana Silva,64,41,Yellow,Red,score 64 -> 41 (-23),"
                        + "No human touch in 266 days (-18 pts); 1 open opportunity (+4 pts)\r\n"
                        + "001B,Beta,Enterprise,1500.5,,,80,,Green,first write,Renewal in 25 days (-3 pts)\r\n");
    }

    // ---- json -------------------------------------------------------------------------------------

    @Test
    void should_keep_every_key_of_the_stored_plan_in_json_and_add_the_account() throws Exception {
        account("001A", "Alpha", 48_000.0, "005ANA");
        move("001A", "64", "41", "Yellow", "Red");
        account("001B", "Beta", 2.0, null);
        move("001B", "50", "90", "Yellow", "Green");
        JsonNode stored = ReportPrinter.JSON.valueToTree(plan());

        JsonNode printed = new ObjectMapper().readTree(print(out ->
                new PlanPrinter(FIELDS, accounts, USERS).json(out, view(Set.of(Band.RED), null))));

        assertThat(fieldNames(printed)).containsAll(fieldNames(stored)).contains("writesInPlan", "sortedBy");
        assertThat(printed.path("id").asText()).isEqualTo("p1");
        assertThat(printed.path("writesInPlan").asInt()).isEqualTo(2);
        assertThat(printed.path("writes")).hasSize(1);
        JsonNode write = printed.path("writes").get(0);
        assertThat(fieldNames(write)).containsAll(fieldNames(stored.path("writes").get(0)));
        assertThat(write.path("recordId").asText()).isEqualTo("001A");
        assertThat(write.path("reason").asText()).isEqualTo("score 64 -> 41 (-23)");
        assertThat(write.path("arr").asDouble()).isEqualTo(48_000.0);
        assertThat(write.path("owner").asText()).isEqualTo("Ana Silva");
        assertThat(write.path("ownerId").asText()).isEqualTo("005ANA");
        assertThat(write.path("oldScore").asInt()).isEqualTo(64);
        assertThat(write.path("newScore").asInt()).isEqualTo(41);
        assertThat(write.path("newBand").asText()).isEqualTo("Red");
    }

    // ---- fixtures ---------------------------------------------------------------------------------

    private void account(String id, String name, Double arr, String ownerId) {
        account(id, name, arr, ownerId, Map.of());
    }

    private void account(String id, String name, Double arr, String ownerId, Map<String, String> crmFields) {
        accounts.add(new Account(id, name, "Enterprise", "Software", arr, 10, null, null, ownerId, null, null, crmFields));
    }

    /** A write of the score and band, with the reason the planner gives it. */
    private void move(String id, String oldScore, String newScore, String oldBand, String newBand) {
        String reason = oldScore == null ? "first write"
                : String.format("score %s -> %s (%+d)", oldScore, newScore, Integer.parseInt(newScore) - Integer.parseInt(oldScore));
        write(id, reason, new FieldChange("Health_Score__c", oldScore, newScore),
                new FieldChange("Health_Band__c", oldBand, newBand));
    }

    private void write(String id, String reason, FieldChange... changes) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (FieldChange change : changes) {
            payload.put(change.field(), change.newValue());
        }
        writes.add(new PlannedWrite("Account", id, null, List.of(changes), payload, Map.of(), reason,
                List.of("Renewal in 25 days (-3 pts)")));
    }

    private WritebackPlan plan() {
        return new WritebackPlan("p1", LocalDate.parse("2026-11-02"), Instant.parse("2026-11-02T08:00:00Z"), 10, writes, List.of());
    }

    private PlanPrinter.View view(PlanPrinter.Sort sort) {
        return new PlanPrinter(FIELDS, accounts, USERS).view(plan(), sort, Set.of(), null);
    }

    private PlanPrinter.View view(Set<Band> bands, String owner) {
        return new PlanPrinter(FIELDS, accounts, USERS).view(plan(), PlanPrinter.Sort.CHANGE, bands, owner);
    }

    private static List<String> ids(PlanPrinter.View view) {
        return view.rows().stream().map(PlanPrinter.Row::accountId).toList();
    }

    private String table(PlanPrinter.View view, int limit) {
        return text(out -> new PlanPrinter(FIELDS, accounts, USERS).table(out, view, limit));
    }

    /** What was printed, byte for byte (CSV has its own line ends). */
    private static String print(Consumer<PrintStream> printing) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        printing.accept(out);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** What was printed for a person, with the platform's line ends as \n. */
    private static String text(Consumer<PrintStream> printing) {
        return print(printing).replace(System.lineSeparator(), "\n");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
