package io.healthsync.sandbox.company;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.sandbox.AccountProfile;
import io.healthsync.sandbox.SalesforceSandbox;
import io.healthsync.sandbox.SandboxOptions;
import java.time.LocalDate;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticCompanyTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    private static List<AccountProfile> profiles;
    private static SyntheticCompany company;

    @BeforeAll
    static void generate() {
        // the org generated for TODAY, not for the day the test runs: the profiles (and so these rates) are fixed
        java.time.Clock clock = java.time.Clock.fixed(TODAY.atTime(12, 0).toInstant(java.time.ZoneOffset.UTC),
                java.time.ZoneOffset.UTC);
        try (SalesforceSandbox salesforce = SalesforceSandbox.start(SandboxOptions.defaults().withAccounts(2000), clock)) {
            profiles = salesforce.accountProfiles();
        }
        company = SyntheticCompany.of(profiles, 42, TODAY, 25);
    }

    @Test
    void two_thousand_accounts_are_made_well_under_five_seconds() {
        long started = System.nanoTime();
        SyntheticCompany again = SyntheticCompany.of(profiles, 7, TODAY, 25);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(again.crmAccounts()).hasSize(2000);
        assertThat(millis).isLessThan(5_000);
    }

    @Test
    void same_seed_accounts_and_day_make_the_same_company() {
        SyntheticCompany again = SyntheticCompany.of(profiles, 42, TODAY, 25);
        assertThat(again.tickets()).isEqualTo(company.tickets());
        for (int i = 0; i < company.accounts().size(); i += 97) {
            AccountHistory a = company.accounts().get(i);
            AccountHistory b = again.accounts().get(i);
            assertThat(b.billing()).isEqualTo(a.billing());
            assertThat(b.renewals()).isEqualTo(a.renewals());
            for (int d = 0; d < HistoryWindow.DAYS; d += 13) {
                assertThat(b.usage().activeUsers(d)).isEqualTo(a.usage().activeUsers(d));
                assertThat(b.usage().events(d)).isEqualTo(a.usage().events(d));
            }
        }
        assertThat(SyntheticCompany.of(profiles, 43, TODAY, 25).tickets()).isNotEqualTo(company.tickets());
    }

    @Test
    void low_health_accounts_use_less_per_seat_and_rate_support_worse() {
        List<AccountHistory> low = byHealth(0, 0.3);
        List<AccountHistory> high = byHealth(0.7, 1.01);
        assertThat(low).hasSizeGreaterThan(100);
        assertThat(high).hasSizeGreaterThan(500);

        double lowUsage = mean(low, this::activePerSeatLast90Days);
        double highUsage = mean(high, this::activePerSeatLast90Days);
        assertThat(highUsage).isGreaterThan(lowUsage * 1.8);

        double lowBad = badShare(low);
        double highBad = badShare(high);
        assertThat(lowBad).isGreaterThan(highBad * 2).isGreaterThan(highBad + 0.15);

        double lowTicketsPerSeat = mean(low, h -> h.tickets().size() / (double) h.account().seats());
        double highTicketsPerSeat = mean(high, h -> h.tickets().size() / (double) h.account().seats());
        assertThat(lowTicketsPerSeat).isGreaterThan(highTicketsPerSeat);
    }

    @Test
    void low_health_accounts_churn_and_fail_payments_more_and_healthy_ones_expand() {
        List<AccountHistory> low = byHealth(0, 0.3);
        List<AccountHistory> high = byHealth(0.7, 1.01);
        assertThat(churnRate(low)).isGreaterThan(churnRate(high) * 3).isGreaterThan(churnRate(high) + 0.15);
        assertThat(mean(low, h -> h.billing().invoices().stream().filter(Invoice::paymentFailed).count()))
                .isGreaterThan(mean(high, h -> h.billing().invoices().stream().filter(Invoice::paymentFailed).count()));
        double lowExpanded = mean(low, h -> h.billing().seatChanges().stream().anyMatch(SeatChange::upgrade) ? 1 : 0);
        double highExpanded = mean(high, h -> h.billing().seatChanges().stream().anyMatch(SeatChange::upgrade) ? 1 : 0);
        assertThat(highExpanded).isGreaterThan(0.15).isGreaterThan(lowExpanded + 0.1);
    }

    @Test
    void churn_follows_the_planted_formula_on_average() {
        List<RenewalDecision> renewals = company.crmAccounts().stream().flatMap(h -> h.renewals().stream()).toList();
        assertThat(renewals).hasSizeGreaterThan(1000);
        double expected = renewals.stream().mapToDouble(RenewalDecision::churnProbability).sum();
        long churned = renewals.stream().filter(RenewalDecision::churned).count();
        // a sum of Bernoulli draws: within 4 standard deviations of its mean
        double sd = Math.sqrt(renewals.stream().mapToDouble(r -> r.churnProbability() * (1 - r.churnProbability())).sum());
        assertThat((double) churned).isBetween(expected - 4 * sd, expected + 4 * sd);
        assertThat(churned / (double) renewals.size()).isBetween(0.05, 0.3);
        for (RenewalDecision r : renewals) {
            // the signals' formula, shifted on the logit scale by the CRM's planted touchpoints before the renewal
            double p = PlantedEffects.churnProbability(r.activeRate90(), r.usageTrend(), r.badCsat90(),
                    r.paymentFailures180(), r.cancellationIntent90());
            double shift = PlantedTouchpoints.churnLogitShift(PlantedTouchpoints.before(company.seed(), r.accountKey(), r.date()));
            assertThat(r.churnProbability()).isCloseTo(1 / (1 + Math.exp(-(Math.log(p / (1 - p)) + shift))),
                    org.assertj.core.api.Assertions.within(1e-12));
        }
    }

    @Test
    void a_churned_account_has_no_usage_after_its_subscription_ended() {
        AccountHistory churned = company.crmAccounts().stream().filter(h -> h.churnedAt() != null).findFirst()
                .orElseThrow();
        int ended = company.window().index(OrgHours.dateOf(churned.churnedAt()));
        for (int d = ended; d < HistoryWindow.DAYS; d++) {
            assertThat(churned.usage().activeUsers(d)).isZero();
        }
        assertThat(churned.billing().status()).isEqualTo("canceled");
        assertThat(churned.billing().canceledAt()).isBefore(churned.billing().endedAt());
    }

    @Test
    void the_mess_is_there() {
        long strays = company.accounts().stream().filter(h -> !h.account().inCrm()).count();
        assertThat(strays).isEqualTo(60);
        long domainOnly = company.crmAccounts().stream().filter(h -> !h.zendeskExternalId()).count();
        assertThat(domainOnly).isBetween(10L, 80L);
        assertThat(company.tickets().stream().filter(Ticket::malformed)).hasSize(1);
        assertThat(company.tickets().get(0).id()).isEqualTo(1);
        assertThat(company.tickets().stream().filter(Ticket::cancellationIntent).map(Ticket::description)
                .allMatch(TicketTexts::hasIntentPhrase)).isTrue();
    }

    private List<AccountHistory> byHealth(double from, double to) {
        return company.crmAccounts().stream()
                .filter(h -> h.account().health() >= from && h.account().health() < to).toList();
    }

    /** Analytics active users x scale / seats over the last 90 days the account was a customer. */
    private double activePerSeatLast90Days(AccountHistory history) {
        double active = 0;
        double seats = 0;
        for (int d = HistoryWindow.DAYS - 90; d < HistoryWindow.DAYS; d++) {
            active += history.usage().activeUsers(d);
            seats += history.billing().quantityAt(company.window().start(d)) / 25.0;
        }
        return active / seats;
    }

    /** Bad ratings among all ratings of the accounts. */
    private static double badShare(List<AccountHistory> histories) {
        List<Ticket> rated = histories.stream().flatMap(h -> h.tickets().stream()).filter(t -> t.rating() != null)
                .toList();
        return rated.stream().filter(t -> t.rating().bad()).count() / (double) rated.size();
    }

    private static double churnRate(List<AccountHistory> histories) {
        return mean(histories, h -> h.churnedAt() != null ? 1 : 0);
    }

    private static double mean(List<AccountHistory> histories, ToDoubleFunction<AccountHistory> value) {
        return histories.stream().mapToDouble(value).average().orElse(0);
    }
}
