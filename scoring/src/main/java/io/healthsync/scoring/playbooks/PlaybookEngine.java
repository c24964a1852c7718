package io.healthsync.scoring.playbooks;

import io.healthsync.mappings.PlaybooksConfig;
import io.healthsync.mappings.PlaybooksConfig.ActionKind;
import io.healthsync.mappings.PlaybooksConfig.Playbook;
import io.healthsync.mappings.PlaybooksConfig.Trigger;
import io.healthsync.model.Band;
import io.healthsync.model.Driver;
import io.healthsync.model.HealthScore;
import io.healthsync.model.SignalValue;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns today's scores into playbook actions. Pure: everything it needs comes in (scores, their history,
 * earlier actions), nothing goes out but the plan. Order per account and playbook: the segment's version
 * of the playbook, its trigger, suppression (an open action) and cooldown (since the last one, held-out
 * records included, so both groups are treated alike), then the holdout.
 */
public final class PlaybookEngine {

    static final String CSAT_SIGNAL = "csat_bad_share_90d";
    private static final int DRIVERS_IN_TEXT = 3;

    private final PlaybooksConfig config;

    public PlaybookEngine(PlaybooksConfig config) {
        this.config = config;
    }

    /** The idempotency key of a playbook firing: account, playbook and the ISO week of {@code today}. */
    public static String key(String accountId, String playbookId, LocalDate today) {
        return accountId + ":" + playbookId + ":" + String.format(Locale.ROOT, "%d-W%02d",
                today.get(IsoFields.WEEK_BASED_YEAR), today.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    public PlaybookPlan plan(LocalDate today, List<AccountState> accounts, List<PriorAction> prior) {
        Map<String, List<PriorAction>> priorByPair = prior.stream()
                .collect(Collectors.groupingBy(p -> p.accountId() + '\u0000' + p.playbookId(), HashMap::new, Collectors.toList()));
        List<PlannedAction> actions = new ArrayList<>();
        List<SkippedAction> skipped = new ArrayList<>();
        for (AccountState state : accounts) {
            for (Playbook general : config.playbooks()) {
                Playbook playbook = general.forSegment(state.account().segment());
                if (!playbook.enabled()) {
                    continue;
                }
                Optional<Firing> firing = fire(playbook.trigger(), state, today);
                if (firing.isEmpty()) {
                    continue;
                }
                String accountId = state.account().crmId();
                Optional<String> suppressed = suppression(playbook,
                        priorByPair.getOrDefault(accountId + '\u0000' + playbook.id(), List.of()), today);
                if (suppressed.isPresent()) {
                    skipped.add(new SkippedAction(accountId, playbook.id(), suppressed.get()));
                    continue;
                }
                actions.add(action(playbook, state, firing.get(), today));
            }
        }
        return new PlaybookPlan(actions, skipped);
    }

    /** What made a trigger fire: the numbers the templates and the reason show. */
    private record Firing(int drop, long days, String reason, boolean positiveDrivers) {
    }

    private static Optional<Firing> fire(Trigger trigger, AccountState state, LocalDate today) {
        HealthScore score = state.score();
        return switch (trigger.kind()) {
            case SCORE_DROP -> drop(state, today, trigger.windowDays())
                    .filter(d -> d.drop() >= trigger.minPoints()
                            && (trigger.maxPoints() == null || d.drop() <= trigger.maxPoints()));
            case RED_FOR_DAYS -> {
                long days = redDays(state, today);
                yield days >= trigger.days()
                        ? Optional.of(new Firing(0, days, "red for " + days + " days", false)) : Optional.empty();
            }
            case LOW_CSAT_FALLING_SCORE -> {
                Double badShare = score.signals().stream().filter(s -> s.name().equals(CSAT_SIGNAL))
                        .map(SignalValue::value).filter(v -> v != null).findFirst().orElse(null);
                yield badShare == null || badShare < trigger.minBadCsatShare() ? Optional.empty()
                        : drop(state, today, trigger.windowDays()).filter(d -> d.drop() >= trigger.minPoints())
                        .map(d -> new Firing(d.drop(), d.days(), Math.round(badShare * 100) + "% bad CSAT ratings and "
                                + d.reason(), false));
            }
            case EXPANSION_READY -> {
                Double propensity = state.expansionPropensity();
                boolean ready = propensity != null && propensity >= trigger.minExpansionPropensity()
                        && score.band().name().equalsIgnoreCase(trigger.band());
                yield ready ? Optional.of(new Firing(0, 0, "expansion propensity "
                        + String.format(Locale.ROOT, "%.2f", propensity) + " and " + trigger.band(), true))
                        : Optional.empty();
            }
        };
    }

    /**
     * The drop from the highest earlier score in the last {@code windowDays} days (today excluded) to
     * today's score, in whole points; on a tie the most recent high counts. Empty without earlier scores.
     */
    private static Optional<Firing> drop(AccountState state, LocalDate today, int windowDays) {
        LocalDate from = today.minusDays(windowDays);
        return state.history().stream()
                .filter(p -> !p.date().isBefore(from) && p.date().isBefore(today))
                .max(Comparator.comparingDouble(ScorePoint::score).thenComparing(ScorePoint::date))
                .map(peak -> {
                    int drop = (int) Math.round(peak.score() - state.score().score());
                    long days = ChronoUnit.DAYS.between(peak.date(), today);
                    return new Firing(drop, days, "fell " + drop + " points in " + days + " days", false);
                });
    }

    /** How long the account has been red without a break: 0 when it is not red today. */
    private static long redDays(AccountState state, LocalDate today) {
        if (state.score().band() != Band.RED) {
            return 0;
        }
        LocalDate since = today;
        List<ScorePoint> newestFirst = state.history().stream().filter(p -> p.date().isBefore(today))
                .sorted(Comparator.comparing(ScorePoint::date).reversed()).toList();
        for (ScorePoint point : newestFirst) {
            if (point.band() != Band.RED) {
                break;
            }
            since = point.date();
        }
        return ChronoUnit.DAYS.between(since, today);
    }

    private Optional<String> suppression(Playbook playbook, List<PriorAction> prior, LocalDate today) {
        Optional<PriorAction> open = prior.stream().filter(p -> p.open() && !p.heldOut()).findFirst();
        if (open.isPresent()) {
            return Optional.of("an open action exists (" + open.get().key() + ")");
        }
        if (playbook.action() == ActionKind.OPPORTUNITY) {
            int lostDays = config.opportunity().lostCooldownDays();
            Optional<LocalDate> lost = prior.stream().map(PriorAction::closedLostOn).filter(d -> d != null)
                    .max(Comparator.naturalOrder()).filter(d -> today.isBefore(d.plusDays(lostDays)));
            if (lost.isPresent()) {
                return Optional.of("an expansion opportunity closed lost on " + lost.get() + "; none until "
                        + lost.get().plusDays(lostDays));
            }
        }
        Optional<LocalDate> last = prior.stream().map(PriorAction::createdOn).max(Comparator.naturalOrder());
        if (last.isPresent()) {
            LocalDate until = last.get().plusDays(playbook.cooldownDays());
            if (today.isBefore(until)) {
                return Optional.of("cooldown until " + until + " (last on " + last.get() + ")");
            }
        }
        return Optional.empty();
    }

    private PlannedAction action(Playbook playbook, AccountState state, Firing firing, LocalDate today) {
        HealthScore score = state.score();
        String accountId = state.account().crmId();
        Map<String, String> values = Map.of(
                "account", state.account().name() == null ? accountId : state.account().name(),
                "drop", Integer.toString(firing.drop()),
                "days", Long.toString(firing.days()),
                "drivers", firing.positiveDrivers() && state.expansionSignals() != null && !state.expansionSignals().isBlank()
                        ? state.expansionSignals() : drivers(score.drivers(), firing.positiveDrivers()),
                "score", Integer.toString(score.roundedScore()),
                "band", score.band().label());
        String reason = playbook.id() + ": " + firing.reason();
        String ownerId = switch (playbook.owner().kind()) {
            case ACCOUNT_OWNER -> state.account().ownerId();
            case USER -> playbook.owner().value();
            case ROLE -> {
                String member = state.team().get(playbook.owner().value());
                if (member == null) {
                    reason += "; nobody in role " + playbook.owner().value() + ", so the account owner";
                }
                yield member == null ? state.account().ownerId() : member;
            }
        };
        LocalDate due = today.plusDays((playbook.dueHours() + 23) / 24);
        Double amount = null;
        Map<String, String> facts = new java.util.LinkedHashMap<>();
        if (playbook.action() == ActionKind.OPPORTUNITY) {
            Double propensity = state.expansionPropensity();
            double expansionScore = propensity == null ? 0 : propensity * 100;
            PlaybooksConfig.Tier tier = config.opportunity().tier(expansionScore);
            facts.put("expansion_score", String.format(Locale.ROOT, "%.1f", expansionScore));
            facts.put("tier", tier.name());
            facts.put("probability_of_close", Double.toString(tier.probabilityOfClose()));
            Double arr = state.account().arr();
            amount = arr == null ? null : Math.round(arr * (tier.uplift() - 1) * tier.probabilityOfClose() * 100) / 100.0;
            reason += "; " + tier.name() + " tier" + (arr == null ? ", no ARR so no amount"
                    : String.format(Locale.ROOT, ": ARR %.0f x %.2f (uplift %.2f - 1) x close probability %.2f", arr,
                    tier.uplift() - 1, tier.uplift(), tier.probabilityOfClose()));
        }
        return new PlannedAction(accountId, playbook.id(), playbook.action(), ownerId, due, playbook.priority(),
                fill(playbook.subject(), values), fill(playbook.description(), values),
                key(accountId, playbook.id(), today), Holdout.heldOut(accountId, playbook.id(), playbook.holdoutShare()),
                reason, amount, facts);
    }

    /** The strongest drivers in the direction that matters (what pulled the score down, or up for expansion). */
    static String drivers(List<Driver> drivers, boolean positive) {
        return drivers.stream().filter(d -> positive ? d.points() > 0 : d.points() < 0)
                .limit(DRIVERS_IN_TEXT).map(Driver::text).collect(Collectors.joining("; "));
    }

    static String fill(String template, Map<String, String> values) {
        String text = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace("{" + value.getKey() + "}", value.getValue());
        }
        return text;
    }
}
