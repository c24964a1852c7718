package io.healthsync.scoring.features;

import static io.healthsync.model.Signal.ACTIVE_RATE_30D;
import static io.healthsync.model.Signal.ACTIVE_RATE_TREND;
import static io.healthsync.model.Signal.ACTIVE_USERS_PER_SEAT;
import static io.healthsync.model.Signal.CANCELLATION_INTENT_90D;
import static io.healthsync.model.Signal.CSAT_BAD_SHARE_90D;
import static io.healthsync.model.Signal.DAYS_TO_RENEWAL;
import static io.healthsync.model.Signal.ESCALATIONS_30D;
import static io.healthsync.model.Signal.FEATURE_BREADTH;
import static io.healthsync.model.Signal.PAYMENT_FAILURES_90D;
import static io.healthsync.model.Signal.PLAN_CHANGE_90D;
import static io.healthsync.model.Signal.RESOLUTION_HOURS;
import static io.healthsync.model.Signal.TICKETS_30D;
import static io.healthsync.model.Signal.TICKET_TREND;
import static io.healthsync.model.Signal.TOUCHES_30D;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.healthsync.model.Account;
import io.healthsync.model.Activity;
import io.healthsync.model.ActivityType;
import io.healthsync.model.Signal;
import io.healthsync.model.Subscription;
import io.healthsync.model.UsageDay;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The usage, support and billing signals, each on a small history with hand-computed values. */
class SourceSignalsTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    private static final Offset<Double> EXACT = within(1e-12);
    private static final List<String> TRACKED = List.of("reports", "export", "dashboards", "alerts", "api", "sso");

    private final SignalBuilder builder = new SignalBuilder(TRACKED);
    private int sequence;

    // ---- usage ----------------------------------------------------------------------------------

    /*
     * 10 seats. Days before 2024-06-30:
     *   last 7 days (0-6):        06-30 4, 06-28 max(3, 5) = 5, 06-24 5           -> 14 / 7 = 2.0 -> 0.2 per seat
     *   last 30 days (0-29):      those + 06-23 6 + 06-01 10                       -> 30 / 30 = 1.0 -> 0.1 per seat
     *   30 days ago (30-36):      05-31 35                                         -> 35 / 7 = 5.0 -> 0.5 per seat
     *   a quarter ago (90-119):   04-01 30 (day 90), 03-03 30 (day 119); 03-02 (day 120) is outside
     *                             -> 60 / 30 = 2.0; trend (1.0 - 2.0) / 2.0 = -0.5
     *   features in 30 days:      reports, dashboards, alerts (export had 0 events, api was day 30, beta is not
     *                             tracked) -> 3 of 6 = 0.5
     *   07-01, after the as-of date, is ignored, whatever it holds.
     */
    private final List<UsageDay> usage = List.of(
            day("2024-07-01", 100, Map.of("export", 9, "sso", 9)),
            day("2024-06-30", 4, Map.of("reports", 3, "export", 0, "beta", 4)),
            day("2024-06-28", 3, Map.of()),
            new UsageDay("mixpanel", null, LocalDate.parse("2024-06-28"), 5, 5, Map.of()),
            day("2024-06-24", 5, Map.of()),
            day("2024-06-23", 6, Map.of("dashboards", 1)),
            day("2024-06-01", 10, Map.of("alerts", 2)),
            day("2024-05-31", 35, Map.of("api", 5)),
            day("2024-04-01", 30, Map.of()),
            day("2024-03-03", 30, Map.of()),
            day("2024-03-02", 1000, Map.of()));

    @Test
    void should_measure_usage_per_seat_its_trend_and_breadth_up_to_the_as_of_day() {
        AccountSignals signals = builder.build(AS_OF, history(account(10, null), List.of(), usage, List.of()));

        assertThat(signals.value(ACTIVE_USERS_PER_SEAT)).isCloseTo(0.2, EXACT);
        assertThat(signals.value(ACTIVE_RATE_30D)).isCloseTo(0.1, EXACT);
        assertThat(signals.value(ACTIVE_RATE_TREND)).isCloseTo(-0.5, EXACT);
        assertThat(signals.value(FEATURE_BREADTH)).isCloseTo(0.5, EXACT);
        assertThat(signals.detail(SignalDetail.ACTIVE_USERS_PER_SEAT_30_DAYS_AGO)).isCloseTo(0.5, EXACT);
        assertThat(signals.detail(SignalDetail.FEATURES_USED_30D)).isEqualTo(3.0);
        assertThat(signals.detail(SignalDetail.FEATURES_TRACKED)).isEqualTo(6.0);
    }

    @Test
    void should_take_seats_from_the_active_subscriptions_when_the_crm_has_none() {
        List<Subscription> subscriptions = List.of(subscription("active", 4, "2024-09-30"),
                subscription("past_due", 6, "2024-12-31"), subscription("canceled", 50, "2024-07-05"));

        AccountSignals signals = builder.build(AS_OF, history(account(null, null), List.of(), usage, subscriptions));

        assertThat(signals.value(ACTIVE_USERS_PER_SEAT)).isCloseTo(0.2, EXACT); // 2.0 / (4 + 6)
        assertThat(signals.value(ACTIVE_RATE_30D)).isCloseTo(0.1, EXACT);
    }

    @Test
    void should_leave_per_seat_signals_empty_without_seats_but_keep_the_trend_the_seats_cancel_out_of() {
        AccountSignals signals = builder.build(AS_OF, history(account(null, null), List.of(), usage, List.of()));

        assertThat(signals.value(ACTIVE_USERS_PER_SEAT)).isNull();
        assertThat(signals.value(ACTIVE_RATE_30D)).isNull();
        assertThat(signals.value(ACTIVE_RATE_TREND)).isCloseTo(-0.5, EXACT);
        assertThat(signals.value(FEATURE_BREADTH)).isCloseTo(0.5, EXACT);
    }

    @Test
    void should_have_no_usage_data_without_a_row_on_or_before_the_as_of_day() {
        AccountSignals none = builder.build(AS_OF, history(account(10, null), List.of(), List.of(), List.of()));
        AccountSignals onlyLater = builder.build(AS_OF, history(account(10, null), List.of(),
                List.of(day("2024-07-01", 8, Map.of("reports", 1))), List.of()));

        for (AccountSignals signals : List.of(none, onlyLater)) {
            assertThat(Arrays.asList(signals.value(ACTIVE_USERS_PER_SEAT), signals.value(ACTIVE_RATE_30D),
                    signals.value(ACTIVE_RATE_TREND), signals.value(FEATURE_BREADTH))).containsOnlyNulls();
        }
    }

    @Test
    void should_count_days_without_a_row_as_no_one_active_and_need_usage_a_quarter_ago_for_a_trend() {
        // one row, 3 days ago: 7 users over the 7 days -> 1.0 a day; over 30 days 7 / 30
        AccountSignals signals = builder.build(AS_OF, history(account(5, null), List.of(),
                List.of(day("2024-06-27", 7, Map.of())), List.of()));

        assertThat(signals.value(ACTIVE_USERS_PER_SEAT)).isCloseTo(0.2, EXACT);
        assertThat(signals.value(ACTIVE_RATE_30D)).isCloseTo(7.0 / 30 / 5, EXACT);
        assertThat(signals.value(ACTIVE_RATE_TREND)).isNull(); // nothing recorded 90 days back: no base
        assertThat(signals.detail(SignalDetail.ACTIVE_USERS_PER_SEAT_30_DAYS_AGO)).isNull();
        assertThat(signals.value(FEATURE_BREADTH)).isEqualTo(0.0);
    }

    @Test
    void should_have_no_feature_breadth_without_a_tracked_feature_list() {
        AccountSignals signals = new SignalBuilder().build(AS_OF, history(account(10, null), List.of(), usage, List.of()));

        assertThat(signals.value(FEATURE_BREADTH)).isNull();
        assertThat(signals.value(ACTIVE_USERS_PER_SEAT)).isCloseTo(0.2, EXACT);
    }

    // ---- support --------------------------------------------------------------------------------

    @Test
    void should_count_tickets_escalations_ratings_and_intent_in_their_windows() {
        List<Activity> activities = List.of(
                event(ActivityType.TICKET_OPENED, "2024-06-30T23:59:59Z"),  // day 0
                event(ActivityType.TICKET_OPENED, "2024-06-15T10:00:00Z"),
                event(ActivityType.TICKET_OPENED, "2024-06-01T00:00:00Z"),  // day 29: last 30
                event(ActivityType.TICKET_OPENED, "2024-05-31T12:00:00Z"),  // day 30: the 30 before
                event(ActivityType.TICKET_OPENED, "2024-07-01T00:00:00Z"),  // after the as-of day
                event(ActivityType.TICKET_ESCALATED, "2024-06-20T10:00:00Z"),
                event(ActivityType.TICKET_ESCALATED, "2024-06-10T10:00:00Z"),
                event(ActivityType.TICKET_ESCALATED, "2024-06-05T10:00:00Z"),
                event(ActivityType.TICKET_ESCALATED, "2024-05-20T10:00:00Z"), // day 41
                solved("2024-06-29T10:00:00Z", 10), solved("2024-06-01T10:00:00Z", 30),
                solved("2024-05-15T10:00:00Z", 20), solved("2024-04-05T10:00:00Z", 2),
                solved("2024-04-01T10:00:00Z", 1000),                         // day 90: outside
                solved("2024-07-01T10:00:00Z", 1000),                         // after the as-of day
                event(ActivityType.CSAT_BAD, "2024-06-01T10:00:00Z"),
                event(ActivityType.CSAT_BAD, "2024-04-10T10:00:00Z"),
                event(ActivityType.CSAT_GOOD, "2024-06-02T10:00:00Z"),
                event(ActivityType.CSAT_GOOD, "2024-05-05T10:00:00Z"),
                event(ActivityType.CSAT_GOOD, "2024-04-02T10:00:00Z"),        // day 89
                event(ActivityType.CSAT_BAD, "2024-03-31T10:00:00Z"),         // day 91
                event(ActivityType.CANCELLATION_INTENT, "2024-05-01T10:00:00Z"),
                event(ActivityType.CANCELLATION_INTENT, "2024-03-01T10:00:00Z"),
                touch("2024-06-25T10:00:00Z"));

        AccountSignals signals = builder.build(AS_OF, history(account(10, "2023-01-01"), activities, List.of(), List.of()));

        assertThat(signals.value(TICKETS_30D)).isEqualTo(3.0);
        assertThat(signals.value(TICKET_TREND)).isEqualTo(3.0 - 1.0);
        assertThat(signals.value(ESCALATIONS_30D)).isEqualTo(3.0);
        assertThat(signals.value(RESOLUTION_HOURS)).isEqualTo(15.0); // median of 2, 10, 20, 30
        assertThat(signals.value(CSAT_BAD_SHARE_90D)).isCloseTo(0.4, EXACT); // 2 bad of 5
        assertThat(signals.detail(SignalDetail.CSAT_RATINGS_90D)).isEqualTo(5.0);
        assertThat(signals.value(CANCELLATION_INTENT_90D)).isEqualTo(1.0);
        assertThat(signals.value(TOUCHES_30D)).isEqualTo(1.0); // tickets are not human touches
    }

    @Test
    void should_take_the_middle_resolution_time_of_an_odd_count() {
        AccountSignals signals = builder.build(AS_OF, history(account(10, "2023-01-01"), List.of(
                solved("2024-06-29T10:00:00Z", 30), solved("2024-06-20T10:00:00Z", 4), solved("2024-06-10T10:00:00Z", 9)),
                List.of(), List.of()));

        assertThat(signals.value(RESOLUTION_HOURS)).isEqualTo(9.0);
    }

    /** Contract start 2024-03-01: its first 90 days end on 2024-05-29, so tickets count from 2024-05-30. */
    @Test
    void should_not_count_the_tickets_of_the_first_90_days_as_a_customer_as_volume() {
        List<Activity> activities = List.of(
                event(ActivityType.TICKET_OPENED, "2024-06-15T10:00:00Z"),   // counts, last 30
                event(ActivityType.TICKET_OPENED, "2024-05-30T00:00:00Z"),   // day 91 as a customer: counts, the 30 before
                event(ActivityType.TICKET_OPENED, "2024-05-29T23:59:59Z"),   // day 90: onboarding
                event(ActivityType.TICKET_OPENED, "2024-05-10T10:00:00Z"));  // onboarding

        AccountSignals signals = builder.build(AS_OF, history(account(10, "2024-03-01"), activities, List.of(), List.of()));

        assertThat(signals.value(TICKETS_30D)).isEqualTo(1.0);
        assertThat(signals.value(TICKET_TREND)).isEqualTo(1.0 - 1.0);
    }

    @Test
    void should_count_escalations_even_while_onboarding() {
        List<Activity> activities = List.of(event(ActivityType.TICKET_OPENED, "2024-06-15T10:00:00Z"),
                event(ActivityType.TICKET_ESCALATED, "2024-06-15T11:00:00Z"));

        AccountSignals signals = builder.build(AS_OF, history(account(10, "2024-05-01"), activities, List.of(), List.of()));

        assertThat(signals.value(TICKETS_30D)).isEqualTo(0.0); // a new customer's questions are not a risk
        assertThat(signals.value(ESCALATIONS_30D)).isEqualTo(1.0);
    }

    @Test
    void should_have_no_support_data_without_a_support_event_and_no_rating_share_without_ratings() {
        AccountSignals none = builder.build(AS_OF, history(account(10, "2023-01-01"),
                List.of(touch("2024-06-25T10:00:00Z"), event(ActivityType.TICKET_OPENED, "2024-07-01T10:00:00Z")),
                List.of(), List.of()));
        AccountSignals quiet = builder.build(AS_OF, history(account(10, "2023-01-01"),
                List.of(event(ActivityType.TICKET_OPENED, "2024-01-05T10:00:00Z")), List.of(), List.of()));

        for (Signal signal : Signal.ofFamily(Signal.Family.SUPPORT)) {
            assertThat(none.value(signal)).as(signal.key()).isNull();
        }
        assertThat(quiet.value(TICKETS_30D)).isEqualTo(0.0);
        assertThat(quiet.value(ESCALATIONS_30D)).isEqualTo(0.0);
        assertThat(quiet.value(CANCELLATION_INTENT_90D)).isEqualTo(0.0);
        assertThat(quiet.value(RESOLUTION_HOURS)).isNull();
        assertThat(quiet.value(CSAT_BAD_SHARE_90D)).isNull();
    }

    // ---- billing --------------------------------------------------------------------------------

    @Test
    void should_count_payment_failures_and_net_plan_changes_in_90_days() {
        List<Activity> activities = List.of(
                event(ActivityType.PAYMENT_FAILED, "2024-06-30T22:00:00Z"),
                event(ActivityType.PAYMENT_FAILED, "2024-04-02T10:00:00Z"),          // day 89
                event(ActivityType.PAYMENT_FAILED, "2024-04-01T10:00:00Z"),          // day 90: outside
                event(ActivityType.PAYMENT_FAILED, "2024-07-01T01:00:00Z"),          // after the as-of day
                event(ActivityType.INVOICE_PAID, "2024-06-02T10:00:00Z"),
                event(ActivityType.SUBSCRIPTION_UPGRADED, "2024-06-01T10:00:00Z"),
                event(ActivityType.SUBSCRIPTION_UPGRADED, "2024-05-01T10:00:00Z"),
                event(ActivityType.SUBSCRIPTION_DOWNGRADED, "2024-06-20T10:00:00Z"),
                event(ActivityType.SUBSCRIPTION_UPGRADED, "2024-03-01T10:00:00Z"));  // outside

        AccountSignals signals = builder.build(AS_OF, history(account(10, null), activities, List.of(), List.of()));

        assertThat(signals.value(PAYMENT_FAILURES_90D)).isEqualTo(2.0);
        assertThat(signals.value(PLAN_CHANGE_90D)).isEqualTo(1.0);
    }

    @Test
    void should_have_billing_data_with_a_subscription_alone_and_none_without_either() {
        AccountSignals subscribed = builder.build(AS_OF, history(account(10, null), List.of(), List.of(),
                List.of(subscription("active", 10, "2024-09-30"))));
        AccountSignals unknown = builder.build(AS_OF, history(account(10, null), List.of(), List.of(), List.of()));

        assertThat(subscribed.value(PAYMENT_FAILURES_90D)).isEqualTo(0.0);
        assertThat(subscribed.value(PLAN_CHANGE_90D)).isEqualTo(0.0);
        assertThat(unknown.value(PAYMENT_FAILURES_90D)).isNull();
        assertThat(unknown.value(PLAN_CHANGE_90D)).isNull();
    }

    @Test
    void should_fall_back_to_the_earliest_active_subscription_period_end_for_days_to_renewal() {
        List<Subscription> subscriptions = List.of(subscription("active", 4, "2024-09-30"),
                subscription("past_due", 6, "2024-08-15"), subscription("canceled", 50, "2024-07-05"));

        AccountSignals fromBilling = builder.build(AS_OF, history(account(10, null), List.of(), List.of(), subscriptions));
        AccountSignals fromCrm = builder.build(AS_OF, history(new Account("A", "Acme", "SMB", null, 1.0, 10, null,
                LocalDate.parse("2024-07-25"), null, null, null, Map.of()), List.of(), List.of(), subscriptions));

        assertThat(fromBilling.value(DAYS_TO_RENEWAL)).isEqualTo(46.0); // 2024-08-15: 31 + 15 days
        assertThat(fromCrm.value(DAYS_TO_RENEWAL)).isEqualTo(25.0);     // the CRM's own date wins
    }

    // ---- stale sources --------------------------------------------------------------------------

    @Test
    void should_carry_the_stale_sources_to_the_signals() {
        AccountHistory history = new AccountHistory(account(10, null), List.of(), List.of(), List.of(), List.of(),
                Map.of("zendesk", "last complete pull 2026-11-30"));

        assertThat(builder.build(AS_OF, history).staleSources())
                .containsExactly(Map.entry("zendesk", "last complete pull 2026-11-30"));
    }

    @Test
    void should_compute_the_same_crm_signals_from_the_crm_records_alone() {
        Account account = account(10, "2023-01-01");
        List<Activity> activities = new ArrayList<>(List.of(touch("2024-06-25T10:00:00Z"), touch("2024-05-15T10:00:00Z")));

        AccountSignals viaHistory = builder.build(AS_OF, AccountHistory.ofCrm(account, activities, List.of()));
        AccountSignals viaFourArguments = builder.build(AS_OF, account, activities, List.of());

        assertThat(viaFourArguments).isEqualTo(viaHistory);
        assertThat(viaFourArguments.value(TOUCHES_30D)).isEqualTo(1.0);
    }

    @Test
    void should_read_nothing_dated_after_the_as_of_day_from_any_source() {
        List<Activity> past = new ArrayList<>(List.of(event(ActivityType.TICKET_OPENED, "2024-06-10T10:00:00Z"),
                event(ActivityType.PAYMENT_FAILED, "2024-06-11T10:00:00Z"), solved("2024-06-12T10:00:00Z", 5),
                event(ActivityType.CSAT_GOOD, "2024-06-12T11:00:00Z"), touch("2024-06-13T10:00:00Z")));
        List<Activity> withFuture = new ArrayList<>(past);
        for (ActivityType type : ActivityType.values()) {
            withFuture.add(new Activity("any", "f-" + type, "A", type, type.key(), null,
                    Instant.parse("2024-07-01T00:00:00Z"), null, null, Map.of("resolution_hours", 999.0)));
        }
        List<UsageDay> withLaterDays = new ArrayList<>(usage);
        withLaterDays.add(day("2024-07-02", 500, Map.of("sso", 3, "export", 3)));

        AccountSignals before = builder.build(AS_OF, history(account(10, "2023-01-01"), past, usage, List.of()));
        AccountSignals after = builder.build(AS_OF, history(account(10, "2023-01-01"), withFuture, withLaterDays, List.of()));

        assertThat(after).isEqualTo(before);
    }

    @Test
    void should_add_to_a_past_days_table_the_values_it_builds_for_that_day() {
        List<Activity> activities = List.of(event(ActivityType.TICKET_OPENED, "2024-06-10T10:00:00Z"),
                event(ActivityType.PAYMENT_FAILED, "2024-06-11T10:00:00Z"), solved("2024-06-12T10:00:00Z", 5),
                event(ActivityType.CSAT_GOOD, "2024-06-12T11:00:00Z"), touch("2024-06-13T10:00:00Z"),
                touch("2024-05-02T10:00:00Z"));
        AccountHistory history = history(account(10, "2023-01-01"), activities, usage,
                List.of(subscription("active", 10, "2024-09-30")));

        for (String day : List.of("2024-06-30", "2024-06-12", "2024-05-20", "2024-01-01")) {
            LocalDate asOf = LocalDate.parse(day);
            SignalTable table = new SignalTable(asOf, 1);
            builder.addTo(table, history);
            AccountSignals built = builder.build(asOf, history);

            assertThat(table.rows()).singleElement().satisfies(row -> {
                assertThat(row.accountId()).isEqualTo("A");
                assertThat(row.segment()).isEqualTo("SMB");
                for (io.healthsync.model.Signal signal : io.healthsync.model.Signal.values()) {
                    assertThat(row.value(signal)).as(day + " " + signal).isEqualTo(built.value(signal));
                }
            });
        }
        assertThat(builder.build(AS_OF, history).values().values()).filteredOn(java.util.Objects::nonNull).hasSizeGreaterThan(10);
    }

    // ---- fixtures -------------------------------------------------------------------------------

    private static AccountHistory history(Account account, List<Activity> activities, List<UsageDay> usage,
                                          List<Subscription> subscriptions) {
        return new AccountHistory(account, activities, List.of(), usage, subscriptions, Map.of());
    }

    private static Account account(Integer seats, String contractStart) {
        return new Account("A", "Acme", "SMB", null, 12_000.0, seats,
                contractStart == null ? null : LocalDate.parse(contractStart), null, "005-csm", null, null, Map.of());
    }

    private static UsageDay day(String day, int activeUsers, Map<String, Integer> features) {
        return new UsageDay("amplitude", null, LocalDate.parse(day), activeUsers, activeUsers, features);
    }

    private static Subscription subscription(String status, int seats, String periodEnd) {
        return new Subscription("stripe", "sub_" + status, null, status, seats, 12_000.0, "usd",
                LocalDate.parse(periodEnd), false);
    }

    private Activity event(ActivityType type, String occurredAt) {
        return new Activity("zendesk", "e-" + (++sequence), "A", type, type.key(), null, Instant.parse(occurredAt), null, null);
    }

    private Activity solved(String occurredAt, double resolutionHours) {
        return new Activity("zendesk", "s-" + (++sequence), "A", ActivityType.TICKET_SOLVED, "solved", null,
                Instant.parse(occurredAt), null, null, Map.of("first_reply_hours", 1.0, "resolution_hours", resolutionHours));
    }

    private Activity touch(String occurredAt) {
        return new Activity("salesforce", "t-" + (++sequence), "A", ActivityType.CALL, "Call", null,
                Instant.parse(occurredAt), "005-csm", 30);
    }
}
