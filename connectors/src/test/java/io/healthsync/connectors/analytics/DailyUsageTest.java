package io.healthsync.connectors.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.healthsync.connectors.source.Keyed;
import io.healthsync.connectors.source.SourcePage;
import io.healthsync.mappings.IdentityConfig;
import io.healthsync.model.AccountKey;
import io.healthsync.model.QuarantinedRecord;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DailyUsageTest {

    private static final LocalDate JUNE_15 = LocalDate.parse("2026-06-15");
    private static final LocalDate JUNE_16 = LocalDate.parse("2026-06-16");
    private static final AccountKey ACME = AccountKey.crmId("001A");
    private static final AccountKey GLOBEX = AccountKey.crmId("001B");

    private static Map<String, List<String>> features() {
        Map<String, List<String>> features = new LinkedHashMap<>();
        features.put("reports", List.of("report_run", "report_exported"));
        features.put("dashboards", List.of("dashboard_viewed"));
        // an event may count for more than one feature
        features.put("sharing", List.of("report_exported"));
        return features;
    }

    private final DailyUsage usage = new DailyUsage("amplitude", new DayWindow(JUNE_15, JUNE_16), "account_id", features());

    @Test
    void counts_distinct_users_and_sessions_and_events_per_feature_per_account_and_day() {
        usage.add(List.of(ACME), JUNE_15, "u1", "s1", "report_run");
        usage.add(List.of(ACME), JUNE_15, "u1", "s1", "report_exported");
        usage.add(List.of(ACME), JUNE_15, "u2", "s2", "report_run");
        usage.add(List.of(ACME), JUNE_15, "u2", null, "login");
        usage.add(List.of(GLOBEX), JUNE_15, "u3", "s3", "dashboard_viewed");
        usage.add(List.of(ACME), JUNE_16, "u1", "s4", "dashboard_viewed");
        usage.add(List.of(ACME), JUNE_16, null, null, "report_run");

        SourcePage page = usage.page();

        assertThat(page.usage()).extracting(Keyed::recordId, k -> k.record().day(), k -> k.record().activeUsers(),
                        k -> k.record().sessions(), k -> k.record().featureEvents())
                .containsExactly(
                        tuple("crm_id=001A/2026-06-15", JUNE_15, 2, 2, Map.of("reports", 3, "dashboards", 0, "sharing", 1)),
                        tuple("crm_id=001B/2026-06-15", JUNE_15, 1, 1, Map.of("reports", 0, "dashboards", 1, "sharing", 0)),
                        tuple("crm_id=001A/2026-06-16", JUNE_16, 1, 1, Map.of("reports", 1, "dashboards", 1, "sharing", 0)));
        assertThat(page.usage()).allSatisfy(k -> {
            assertThat(k.record().source()).isEqualTo("amplitude");
            assertThat(k.record().accountId()).isNull();
        });
        assertThat(page.usage().get(1).keys()).containsExactly(GLOBEX);
        assertThat(page.records()).isEqualTo(7);
        assertThat(page.quarantined()).isEmpty();
    }

    @Test
    void an_event_naming_two_accounts_counts_for_each() {
        usage.add(List.of(ACME, GLOBEX), JUNE_15, "u1", "s1", "report_run");

        assertThat(usage.page().usage()).extracting(k -> k.keys().get(0), k -> k.record().featureEvents().get("reports"))
                .containsExactly(tuple(ACME, 1), tuple(GLOBEX, 1));
    }

    @Test
    void events_without_account_become_one_summary_row_per_page_not_one_per_event() {
        for (int i = 0; i < 1000; i++) {
            usage.add(List.of(), JUNE_15, "u" + i, null, i % 2 == 0 ? "page_view" : "login");
        }
        usage.add(List.of(ACME), JUNE_15, "u1", null, "report_run");

        SourcePage page = usage.page();

        assertThat(page.usage()).hasSize(1);
        assertThat(page.records()).isEqualTo(1001);
        assertThat(page.quarantined()).singleElement().satisfies(q -> {
            assertThat(q.source()).isEqualTo("amplitude");
            assertThat(q.objectName()).isEqualTo("usage");
            assertThat(q.recordId()).isEqualTo("2026-06-15..2026-06-16/no-account_id");
            assertThat(q.modstamp()).isNull();
            assertThat(q.reason()).startsWith("1000 events without account_id in 2026-06-15..2026-06-16")
                    .contains("page_view, login");
            assertThat(q.payload()).isEqualTo("{\"window\":\"2026-06-15..2026-06-16\",\"count\":1000,"
                    + "\"example_events\":[\"page_view\",\"login\"]}");
        });
    }

    @Test
    void events_outside_the_window_and_unreadable_lines_are_summarised_too() {
        usage.add(List.of(ACME), LocalDate.parse("2026-06-17"), "u1", null, "report_run");
        usage.unreadable("{\"event\":\"report_run\",\"properties\":{\"ti");
        usage.unreadable("x".repeat(2000));

        SourcePage page = usage.page();

        assertThat(page.usage()).isEmpty();
        assertThat(page.records()).isEqualTo(3);
        assertThat(page.quarantined()).extracting(QuarantinedRecord::recordId).containsExactly(
                "2026-06-15..2026-06-16/outside-window", "2026-06-15..2026-06-16/unreadable-lines");
        assertThat(page.quarantined().get(0).reason()).startsWith("1 events on UTC days outside");
        assertThat(page.quarantined().get(1).reason()).startsWith("2 lines of the export for 2026-06-15..2026-06-16");
        assertThat(page.quarantined().get(1).payload())
                .contains("{\\\"event\\\":\\\"report_run\\\",\\\"properties\\\":{\\\"ti")
                .contains("x".repeat(500) + "...")
                .doesNotContain("x".repeat(501));
    }

    @Test
    void the_account_property_holds_a_crm_id_or_a_domain() {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        AccountProperty crmIds = new AccountProperty(IdentityConfig.defaults());
        AccountProperty domains = new AccountProperty(new IdentityConfig(List.of(), List.of(), List.of(), "x",
                "company", "domain"));

        assertThat(crmIds.name()).isEqualTo("account_id");
        assertThat(crmIds.keysOf(mapper.valueToTree(List.of("001A", " 001B ", "001A", ""))))
                .containsExactly(ACME, GLOBEX);
        assertThat(crmIds.keysOf(mapper.valueToTree(12345))).containsExactly(AccountKey.crmId("12345"));
        assertThat(crmIds.keysOf(null)).isEmpty();
        assertThat(domains.name()).isEqualTo("company");
        assertThat(domains.keysOf(mapper.valueToTree("https://www.Acme.com/")))
                .containsExactly(AccountKey.domain("acme.com"));
        assertThat(domains.keysOf(mapper.valueToTree(Map.of("not", "a value")))).isEmpty();
    }
}
