package io.healthsync.scoring.features;

import static io.healthsync.model.Signal.DAYS_SINCE_LAST_TOUCH;
import static io.healthsync.model.Signal.DAYS_SINCE_QBR;
import static io.healthsync.model.Signal.DAYS_TO_RENEWAL;
import static io.healthsync.model.Signal.OPEN_OPPORTUNITIES;
import static io.healthsync.model.Signal.TENURE_DAYS;
import static io.healthsync.model.Signal.TOUCHES_30D;
import static io.healthsync.model.Signal.TOUCHES_90D;
import static io.healthsync.model.Signal.TOUCH_TREND;
import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.model.Account;
import io.healthsync.model.Activity;
import io.healthsync.model.ActivityType;
import io.healthsync.model.Opportunity;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalBuilderTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");

    private final SignalBuilder builder = new SignalBuilder();

    @Test
    void should_ignore_activities_after_the_end_of_as_of_day() {
        AccountSignals signals = build(account(null, null, null),
                touch(ActivityType.CALL, "2024-06-30T23:59:59Z"),
                touch(ActivityType.QBR, "2024-07-01T00:00:00Z"),
                touch(ActivityType.MEETING, "2024-08-15T10:00:00Z"));

        assertThat(signals.value(DAYS_SINCE_LAST_TOUCH)).isEqualTo(0.0);
        assertThat(signals.value(TOUCHES_30D)).isEqualTo(1.0);
        assertThat(signals.value(TOUCHES_90D)).isEqualTo(1.0);
        assertThat(signals.value(DAYS_SINCE_QBR)).isNull(); // the later QBR does not count, and no start date is known
    }

    @Test
    void should_count_whole_utc_days_with_exact_30_60_and_90_day_boundaries() {
        AccountSignals signals = build(account(null, null, null),
                touch(ActivityType.CALL, "2024-06-01T00:00:00Z"),     // 29 days ago: last 30
                touch(ActivityType.CALL, "2024-05-31T23:59:59Z"),     // 30 days ago: previous 30
                touch(ActivityType.EMAIL, "2024-05-02T12:00:00Z"),    // 59 days ago: previous 30
                touch(ActivityType.MEETING, "2024-05-01T00:00:00Z"),  // 60 days ago: neither 30-day window
                touch(ActivityType.TRAINING, "2024-04-02T08:00:00Z"), // 89 days ago: last 90
                touch(ActivityType.CALL, "2024-04-01T23:00:00Z"));    // 90 days ago: outside every window

        assertThat(signals.value(TOUCHES_30D)).isEqualTo(1.0);
        assertThat(signals.value(TOUCHES_90D)).isEqualTo(5.0);
        assertThat(signals.value(TOUCH_TREND)).isEqualTo(1.0 - 2.0);
        assertThat(signals.value(DAYS_SINCE_LAST_TOUCH)).isEqualTo(29.0);
    }

    @Test
    void should_count_only_human_touches() {
        AccountSignals signals = build(account(null, null, null),
                touch(ActivityType.OTHER, "2024-06-29T10:00:00Z"),
                touch(ActivityType.CALL, "2024-06-20T10:00:00Z"),
                new Activity("zendesk", "t-1", "A", null, "ticket", null, Instant.parse("2024-06-29T10:00:00Z"), null, null),
                new Activity("salesforce", "x-1", "A", ActivityType.CALL, "Call", null, null, null, null));

        assertThat(signals.value(DAYS_SINCE_LAST_TOUCH)).isEqualTo(10.0);
        assertThat(signals.value(TOUCHES_30D)).isEqualTo(1.0);
    }

    @Test
    void should_take_business_reviews_from_qbrs_and_executive_meetings_only() {
        AccountSignals signals = build(account(null, null, null),
                touch(ActivityType.MEETING, "2024-06-28T10:00:00Z"),
                touch(ActivityType.EXECUTIVE_MEETING, "2024-05-21T10:00:00Z"),
                touch(ActivityType.QBR, "2024-03-22T10:00:00Z"));

        assertThat(signals.value(DAYS_SINCE_QBR)).isEqualTo(40.0);
        assertThat(signals.value(DAYS_SINCE_LAST_TOUCH)).isEqualTo(2.0);
        assertThat(signals.neverHappened()).isEmpty();
    }

    @Test
    void should_measure_never_touched_accounts_from_their_start() {
        // created 2024-01-01: 181 days before 2024-06-30 (2024 is a leap year)
        AccountSignals signals = build(account("2024-01-01T10:00:00Z", "2024-02-01", null));

        assertThat(signals.value(DAYS_SINCE_LAST_TOUCH)).isEqualTo(181.0);
        assertThat(signals.value(DAYS_SINCE_QBR)).isEqualTo(181.0);
        assertThat(signals.neverHappened()).containsExactlyInAnyOrder(DAYS_SINCE_LAST_TOUCH, DAYS_SINCE_QBR);
    }

    @Test
    void should_measure_never_touched_from_the_earlier_of_creation_and_contract_start() {
        AccountSignals signals = build(account("2024-01-01T10:00:00Z", "2023-12-31", null));

        assertThat(signals.value(DAYS_SINCE_LAST_TOUCH)).isEqualTo(182.0);
    }

    @Test
    void should_fall_back_for_missing_business_review_even_when_touched() {
        AccountSignals signals = build(account(null, "2024-06-10", null), touch(ActivityType.CALL, "2024-06-25T09:00:00Z"));

        assertThat(signals.value(DAYS_SINCE_LAST_TOUCH)).isEqualTo(5.0);
        assertThat(signals.value(DAYS_SINCE_QBR)).isEqualTo(20.0);
        assertThat(signals.neverHappened()).containsExactly(DAYS_SINCE_QBR);
    }

    @Test
    void should_leave_recency_and_tenure_empty_when_never_touched_and_start_unknown() {
        AccountSignals signals = build(account(null, null, null));

        assertThat(signals.value(DAYS_SINCE_LAST_TOUCH)).isNull();
        assertThat(signals.value(DAYS_SINCE_QBR)).isNull();
        assertThat(signals.value(TENURE_DAYS)).isNull();
        assertThat(signals.value(DAYS_TO_RENEWAL)).isNull();
        assertThat(signals.neverHappened()).isEmpty();
        assertThat(signals.value(TOUCHES_30D)).isEqualTo(0.0);
        assertThat(signals.value(TOUCH_TREND)).isEqualTo(0.0);
    }

    @Test
    void should_count_days_to_renewal_negative_once_past() {
        assertThat(build(account(null, null, "2024-07-25")).value(DAYS_TO_RENEWAL)).isEqualTo(25.0);
        assertThat(build(account(null, null, "2024-06-30")).value(DAYS_TO_RENEWAL)).isEqualTo(0.0);
        assertThat(build(account(null, null, "2024-06-20")).value(DAYS_TO_RENEWAL)).isEqualTo(-10.0);
    }

    @Test
    void should_take_tenure_from_contract_start_else_creation() {
        assertThat(build(account("2024-01-01T10:00:00Z", "2024-02-01", null)).value(TENURE_DAYS)).isEqualTo(150.0);
        assertThat(build(account("2024-01-01T10:00:00Z", null, null)).value(TENURE_DAYS)).isEqualTo(181.0);
        assertThat(build(account(null, "2024-08-01", null)).value(TENURE_DAYS)).isEqualTo(0.0); // starts later
    }

    @Test
    void should_count_opportunities_not_closed() {
        Account account = account(null, null, null);
        List<Opportunity> opportunities = List.of(
                opportunity("o-1", false, false), opportunity("o-2", true, true),
                opportunity("o-3", false, false), opportunity("o-4", true, false));

        AccountSignals signals = builder.build(AS_OF, account, List.of(), opportunities);

        assertThat(signals.value(OPEN_OPPORTUNITIES)).isEqualTo(2.0);
    }

    @Test
    void should_count_opportunities_open_on_the_as_of_date_not_today() {
        Account account = account(null, null, null);
        Opportunity closedAfterAsOf = new Opportunity("o-1", "A", "Upsell", "Closed Lost", "Expansion", 1.0,
                Instant.parse("2024-05-01T00:00:00Z"), LocalDate.parse("2024-07-15"), true, false);
        Opportunity createdAfterAsOf = new Opportunity("o-2", "A", "Upsell", "Discovery", "Expansion", 1.0,
                Instant.parse("2024-07-01T08:00:00Z"), LocalDate.parse("2024-09-30"), false, false);
        Opportunity closedOnAsOf = new Opportunity("o-3", "A", "Upsell", "Closed Won", "Expansion", 1.0,
                Instant.parse("2024-05-01T00:00:00Z"), AS_OF, true, true);

        AccountSignals signals = builder.build(AS_OF, account, List.of(),
                List.of(closedAfterAsOf, createdAfterAsOf, closedOnAsOf));

        assertThat(signals.value(OPEN_OPPORTUNITIES)).isEqualTo(1.0); // only the one closed after the as-of date
    }

    @Test
    void should_carry_account_id_and_segment() {
        AccountSignals signals = build(account(null, null, null));

        assertThat(signals.accountId()).isEqualTo("A");
        assertThat(signals.segment()).isEqualTo("SMB");
        assertThat(signals.values()).containsKeys(io.healthsync.model.Signal.values());
    }

    private AccountSignals build(Account account, Activity... activities) {
        return builder.build(AS_OF, account, List.of(activities), List.of());
    }

    private static Account account(String createdAt, String contractStart, String renewalDate) {
        return new Account("A", "Acme", "SMB", null, 12_000.0, 10,
                contractStart == null ? null : LocalDate.parse(contractStart),
                renewalDate == null ? null : LocalDate.parse(renewalDate),
                "005-csm", createdAt == null ? null : Instant.parse(createdAt), null, Map.of());
    }

    private int sequence;

    private Activity touch(ActivityType type, String occurredAt) {
        return new Activity("salesforce", "act-" + (++sequence), "A", type, type.key(), null, Instant.parse(occurredAt),
                "005-csm", 30);
    }

    private static Opportunity opportunity(String id, boolean closed, boolean won) {
        return new Opportunity(id, "A", "Upsell", closed ? "Closed" : "Discovery", "Expansion", 5_000.0,
                Instant.parse("2024-01-10T09:00:00Z"), LocalDate.parse(closed ? "2024-06-15" : "2024-09-30"), closed, won);
    }
}
