package io.healthsync.writeback;

import io.healthsync.model.Outcome;
import io.healthsync.model.OutcomeKind;
import io.healthsync.scoring.playbooks.FiringOutcomes;
import io.healthsync.scoring.playbooks.PlaybookUplift;
import io.healthsync.scoring.playbooks.ScorePoint;
import io.healthsync.scoring.playbooks.Uplift;
import io.healthsync.store.StoredAction;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which playbook pays: per playbook, how often it fired, how many accounts were held out, and the outcomes of
 * the accounts that got the action against those held out, with the uplift's 95% interval. Each account counts
 * once per playbook, from its first firing (treated: written or logged; held out: held out), so both groups
 * are the same kind of account at the same moment.
 *
 * <p>Outcomes, each unknown until its window has passed (then the account does not count for it):
 * <ul>
 *   <li>{@code score_recovered}: the first score at least {@value #RECOVERY_DAYS} days after the firing is at
 *       least {@value #RECOVERY_POINTS} points above the score it fired on;</li>
 *   <li>{@code churned}: a churn within {@value #RENEWAL_DAYS} days;</li>
 *   <li>{@code renewed}: a renewal within {@value #RENEWAL_DAYS} days, against a churn in that time (an account
 *       with neither had no renewal due: unknown);</li>
 *   <li>{@code expanded}: an expansion within {@value #EXPANSION_DAYS} days.</li>
 * </ul>
 * The windows follow DOMAIN.md's attribution windows (renewal 90-180 days, expansion 30-60, here their ends).
 */
public final class PlaybookReport {

    static final int RECOVERY_DAYS = 30;
    static final int RECOVERY_POINTS = 5;
    static final int RENEWAL_DAYS = 180;
    static final int EXPANSION_DAYS = 60;

    private PlaybookReport() {
    }

    /** The report as a JSON-ready map: {@code as_of}, then per playbook its counts and uplifts. */
    public static Map<String, Object> build(LocalDate today, List<StoredAction> actions,
                                            Map<String, List<ScorePoint>> history, List<Outcome> outcomes) {
        Map<String, List<Outcome>> outcomesByAccount = new HashMap<>();
        outcomes.forEach(o -> outcomesByAccount.computeIfAbsent(o.accountId(), k -> new ArrayList<>()).add(o));
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        List<FiringOutcomes> firings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        actions.stream().sorted(Comparator.comparing(StoredAction::createdOn)).forEach(a -> {
            String playbook = a.action().playbookId();
            Map<String, Integer> c = counts.computeIfAbsent(playbook, k -> new LinkedHashMap<>(Map.of("fired", 0,
                    "acted", 0, "held_out", 0)));
            boolean treated = a.status().equals(StoredAction.WRITTEN) || a.status().equals(StoredAction.LOGGED);
            boolean heldOut = a.status().equals(StoredAction.HELD_OUT);
            if (!treated && !heldOut) {
                return; // planned, failed, superseded: nothing happened to the account, either way
            }
            c.merge("fired", 1, Integer::sum);
            c.merge(heldOut ? "held_out" : "acted", 1, Integer::sum);
            if (seen.add(playbook + '\u0000' + a.action().accountId())) {
                firings.add(new FiringOutcomes(playbook, a.action().accountId(), heldOut, observed(today, a,
                        history.getOrDefault(a.action().accountId(), List.of()),
                        outcomesByAccount.getOrDefault(a.action().accountId(), List.of()))));
            }
        });
        Map<String, List<Uplift>> uplifts = new HashMap<>();
        new PlaybookUplift().measure(firings).forEach(u -> uplifts.computeIfAbsent(u.playbookId(), k -> new ArrayList<>()).add(u));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("as_of", today.toString());
        List<Map<String, Object>> playbooks = new ArrayList<>();
        counts.forEach((playbook, c) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("playbook", playbook);
            p.putAll(c);
            List<Map<String, Object>> measured = new ArrayList<>();
            for (Uplift u : uplifts.getOrDefault(playbook, List.of())) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("outcome", u.outcome());
                m.put("treated", group(u.treated()));
                m.put("held_out", group(u.heldOut()));
                m.put("uplift", u.difference());
                m.put("ci95", u.interval() == null ? null : List.of(u.interval().lower(), u.interval().upper()));
                m.put("note", u.note());
                m.put("summary", u.summary());
                measured.add(m);
            }
            p.put("outcomes", measured);
            playbooks.add(p);
        });
        report.put("playbooks", playbooks);
        return report;
    }

    private static Map<String, Object> group(io.healthsync.scoring.playbooks.GroupRate g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", g.n());
        m.put("successes", g.successes());
        m.put("rate", g.rate());
        m.put("ci95", g.wilson() == null ? null : List.of(g.wilson().lower(), g.wilson().upper()));
        return m;
    }

    static Map<String, Boolean> observed(LocalDate today, StoredAction action, List<ScorePoint> history,
                                         List<Outcome> outcomes) {
        LocalDate fired = action.createdOn();
        Map<String, Boolean> observed = new LinkedHashMap<>();
        Boolean recovered = null;
        if (action.score() != null) {
            LocalDate from = fired.plusDays(RECOVERY_DAYS);
            recovered = history.stream().filter(p -> !p.date().isBefore(from)).min(Comparator.comparing(ScorePoint::date))
                    .map(p -> p.score() >= action.score() + RECOVERY_POINTS).orElse(null);
        }
        observed.put("score_recovered", recovered);
        LocalDate renewalEnd = fired.plusDays(RENEWAL_DAYS);
        boolean churned = happened(outcomes, OutcomeKind.CHURNED, fired, renewalEnd);
        boolean renewed = happened(outcomes, OutcomeKind.RENEWED, fired, renewalEnd);
        observed.put("churned", churned ? Boolean.TRUE : today.isAfter(renewalEnd) ? Boolean.FALSE : null);
        observed.put("renewed", renewed ? Boolean.TRUE : churned ? Boolean.FALSE : null);
        LocalDate expansionEnd = fired.plusDays(EXPANSION_DAYS);
        boolean expanded = happened(outcomes, OutcomeKind.EXPANDED, fired, expansionEnd);
        observed.put("expanded", expanded ? Boolean.TRUE : today.isAfter(expansionEnd) ? Boolean.FALSE : null);
        return observed;
    }

    private static boolean happened(List<Outcome> outcomes, OutcomeKind kind, LocalDate from, LocalDate to) {
        return outcomes.stream().anyMatch(o -> o.kind() == kind && o.date() != null && o.date().isAfter(from)
                && !o.date().isAfter(to));
    }
}
