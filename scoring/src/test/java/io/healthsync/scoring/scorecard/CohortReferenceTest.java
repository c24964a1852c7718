package io.healthsync.scoring.scorecard;

import static io.healthsync.model.Signal.OPEN_OPPORTUNITIES;
import static io.healthsync.model.Signal.TOUCHES_30D;
import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.mappings.ScorecardConfig;
import io.healthsync.model.HealthScore;
import io.healthsync.model.Signal;
import io.healthsync.scoring.features.AccountSignals;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A day's later runs rank against the cohorts of its first run: unchanged accounts keep their scores exactly. */
class CohortReferenceTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-06");
    private static final Map<String, Double> WEIGHTS = Map.of("touches_30d", 60.0, "open_opportunities", 40.0);

    @Test
    void should_keep_an_unchanged_accounts_score_when_another_account_changes_the_same_day() {
        Scorecard scorecard = new Scorecard(config(2));
        List<AccountSignals> morning = company(40);
        Scorecard.Run first = scorecard.run(TODAY, morning);
        List<AccountSignals> noon = new ArrayList<>(morning);
        noon.set(7, account("A7", "SMB", 0, 0)); // A7 stopped being touched; A3 did nothing

        Scorecard.Run pinned = scorecard.run(TODAY, noon, first.reference());
        Scorecard.Run fresh = scorecard.run(TODAY, noon);

        assertThat(pinned.reference()).isSameAs(first.reference());
        assertThat(pinned.scores().get(3)).isEqualTo(first.scores().get(3)); // percentiles, drivers and all
        assertThat(fresh.scores().get(3).score()).isNotEqualTo(first.scores().get(3).score()); // what pinning spares
        // the changed account is ranked against the morning's cohort: lower than it was
        assertThat(pinned.scores().get(7).score()).isLessThan(first.scores().get(7).score());
        assertThat(changed(first.scores(), pinned.scores())).containsExactly("A7");
        assertThat(changed(first.scores(), fresh.scores())).hasSizeGreaterThan(10);
    }

    @Test
    void should_rank_an_account_added_during_the_day_against_its_segments_cohort_or_everyone() {
        Scorecard scorecard = new Scorecard(config(10));
        List<AccountSignals> morning = company(60); // SMB and Enterprise, 30 each
        Scorecard.Run first = scorecard.run(TODAY, morning);
        List<AccountSignals> noon = new ArrayList<>(morning);
        noon.add(account("NEW1", "Enterprise", 5, 1));
        noon.add(account("NEW2", "Startup", 5, 1)); // a segment the morning did not have: ranked against everyone

        Scorecard.Run pinned = scorecard.run(TODAY, noon, first.reference());

        assertThat(pinned.reference()).isSameAs(first.reference());
        assertThat(pinned.scores().subList(0, 60)).isEqualTo(first.scores());
        List<AccountSignals> enterprise = morning.stream().filter(a -> a.segment().equals("Enterprise")).toList();
        assertThat(percentiles(pinned.scores().get(60))).containsExactly(
                percentile(enterprise, TOUCHES_30D, 5), percentile(enterprise, OPEN_OPPORTUNITIES, 1));
        assertThat(percentiles(pinned.scores().get(61))).containsExactly(
                percentile(morning, TOUCHES_30D, 5), percentile(morning, OPEN_OPPORTUNITIES, 1));
    }

    @Test
    void should_take_the_cohorts_afresh_when_the_reference_does_not_fit_today() {
        Scorecard scorecard = new Scorecard(config(2));
        List<AccountSignals> company = company(40);
        CohortReference yesterday = scorecard.run(TODAY.minusDays(1), company).reference();
        CohortReference otherMinimum = new Scorecard(config(3)).run(TODAY, company).reference();
        CohortReference today = scorecard.run(TODAY, company).reference();
        // an edited taxonomy counts twice the touches for every account: the same order, another distribution
        List<AccountSignals> reclassified = company.stream()
                .map(a -> account(a.accountId(), a.segment(), a.values().get(TOUCHES_30D) * 2, a.values().get(OPEN_OPPORTUNITIES)))
                .toList();
        List<AccountSignals> fiveChanged = new ArrayList<>(company); // 5 of SMB's 20 accounts: a quarter moved
        for (int i = 0; i < 5; i++) {
            AccountSignals a = company.get(2 * i); // SMB accounts with 0, 34, 28, 22 and 16 touches
            fiveChanged.set(2 * i, account(a.accountId(), a.segment(), 100 + i, a.values().get(OPEN_OPPORTUNITIES)));
        }
        CohortReference touchesOnly = scorecard.run(TODAY, withoutOpportunities(company)).reference();

        assertThat(scorecard.run(TODAY, company, today).reference()).isSameAs(today);
        assertThat(scorecard.run(TODAY, company, yesterday).reference()).isNotSameAs(yesterday);
        assertThat(scorecard.run(TODAY, company, otherMinimum).reference()).isNotSameAs(otherMinimum);
        assertThat(scorecard.run(TODAY, reclassified, today).reference()).isNotSameAs(today);
        assertThat(scorecard.run(TODAY, fiveChanged, today).reference()).isNotSameAs(today);
        // a signal with data today that the reference did not rank (a source connected since)
        assertThat(scorecard.run(TODAY, company, touchesOnly).reference()).isNotSameAs(touchesOnly);
        // the scores of a run that took them afresh are those of a run without any reference
        assertThat(scorecard.run(TODAY, fiveChanged, today).scores()).isEqualTo(scorecard.run(TODAY, fiveChanged).scores());
    }

    @Test
    void should_keep_the_reference_while_a_tenth_of_the_company_at_most_has_moved() {
        Scorecard everyoneOnly = new Scorecard(config(100)); // no segment of 100: one cohort
        List<AccountSignals> company = company(40);
        CohortReference morning = everyoneOnly.run(TODAY, company).reference();
        List<AccountSignals> fourChanged = new ArrayList<>(company);
        List<AccountSignals> fiveChanged = new ArrayList<>(company);
        for (int i = 0; i < 5; i++) {
            AccountSignals a = company.get(i);
            AccountSignals lifted = account(a.accountId(), a.segment(), 100 + i, a.values().get(OPEN_OPPORTUNITIES));
            if (i < 4) {
                fourChanged.set(i, lifted);
            }
            fiveChanged.set(i, lifted);
        }

        assertThat(CohortReference.distance(sorted(company, TOUCHES_30D), sorted(fourChanged, TOUCHES_30D))).isEqualTo(0.10);
        assertThat(CohortReference.distance(sorted(company, TOUCHES_30D), sorted(fiveChanged, TOUCHES_30D)))
                .isEqualTo(0.125);
        assertThat(everyoneOnly.run(TODAY, fourChanged, morning).reference()).isSameAs(morning);
        assertThat(everyoneOnly.run(TODAY, fiveChanged, morning).reference()).isNotSameAs(morning);
    }

    @Test
    void should_rank_exactly_as_before_once_restored_from_what_a_store_keeps() {
        Scorecard scorecard = new Scorecard(config(10));
        List<AccountSignals> morning = company(40);
        CohortReference reference = scorecard.run(TODAY, morning).reference();
        Map<String, Map<Signal, double[]>> kept = reference.sortedByCohort();

        CohortReference restored = CohortReference.restore(TODAY, 10, kept).orElseThrow();
        List<AccountSignals> noon = new ArrayList<>(morning);
        noon.set(7, account("A7", "Enterprise", 0, 0));

        assertThat(kept).containsOnlyKeys(CohortReference.EVERYONE, "segment Enterprise", "segment SMB");
        assertThat(kept.get("segment SMB").get(TOUCHES_30D)).hasSize(20).isSorted();
        assertThat(scorecard.run(TODAY, noon, restored).scores()).isEqualTo(scorecard.run(TODAY, noon, reference).scores());
        Map<String, Map<Signal, double[]>> withoutEveryone = new java.util.HashMap<>(kept);
        withoutEveryone.remove(CohortReference.EVERYONE);
        assertThat(CohortReference.restore(TODAY, 10, withoutEveryone)).isEmpty();
    }

    /** n accounts, half SMB and half Enterprise, with touches 0..n-1 (shuffled) and a few open opportunities. */
    private static List<AccountSignals> company(int n) {
        List<AccountSignals> accounts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            accounts.add(account("A" + i, i % 2 == 0 ? "SMB" : "Enterprise", (i * 17) % n, i % 3));
        }
        return accounts;
    }

    private static AccountSignals account(String id, String segment, double touches, double opportunities) {
        Map<Signal, Double> values = new EnumMap<>(Signal.class);
        values.put(TOUCHES_30D, touches);
        values.put(OPEN_OPPORTUNITIES, opportunities);
        return new AccountSignals(id, segment, values);
    }

    private static List<AccountSignals> withoutOpportunities(List<AccountSignals> accounts) {
        return accounts.stream().map(a -> {
            Map<Signal, Double> values = new EnumMap<>(Signal.class);
            values.put(TOUCHES_30D, a.values().get(TOUCHES_30D));
            return new AccountSignals(a.accountId(), a.segment(), values);
        }).toList();
    }

    /** The signals' percentiles of a score, in its signal order (touches, then open opportunities). */
    private static List<Double> percentiles(HealthScore score) {
        return score.signals().stream().map(io.healthsync.model.SignalValue::percentile).toList();
    }

    /** The mid-rank percentile of {@code value} among the accounts' values, healthy end high (by hand). */
    private static double percentile(List<AccountSignals> accounts, Signal signal, double value) {
        long below = accounts.stream().filter(a -> a.values().get(signal) < value).count();
        long equal = accounts.stream().filter(a -> a.values().get(signal) == value).count();
        double percentile = 100.0 * (below + 0.5 * equal) / accounts.size();
        return signal.higherIsBetter() ? percentile : 100.0 - percentile;
    }

    private static double[] sorted(List<AccountSignals> accounts, Signal signal) {
        return accounts.stream().mapToDouble(a -> a.values().get(signal)).sorted().toArray();
    }

    private static List<String> changed(List<HealthScore> before, List<HealthScore> after) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).equals(after.get(i))) {
                ids.add(after.get(i).accountId());
            }
        }
        return ids;
    }

    private static ScorecardConfig config(int minCohortSize) {
        return new ScorecardConfig(WEIGHTS, Map.of(), 30, 70, minCohortSize, 2);
    }
}
