package io.healthsync.mappings;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * playbooks.yaml: which score movements turn into work, for whom and by when. Each playbook's
 * {@code cohorts} hold the playbook as it stands for one account segment (overrides already merged),
 * so {@link Playbook#forSegment} is all a caller needs.
 */
public record PlaybooksConfig(List<Playbook> playbooks, String webhookUrl, ExpansionOpportunity opportunity) {

    public static final double DEFAULT_HOLDOUT_SHARE = 0.10;

    public PlaybooksConfig {
        playbooks = List.copyOf(playbooks);
        webhookUrl = webhookUrl == null || webhookUrl.isBlank() ? null : webhookUrl;
        opportunity = opportunity == null ? ExpansionOpportunity.DEFAULTS : opportunity;
    }

    public PlaybooksConfig(List<Playbook> playbooks) {
        this(playbooks, null, ExpansionOpportunity.DEFAULTS);
    }

    /**
     * What an expansion Opportunity carries besides its account, owner and text. Its Amount is the projected
     * expansion ARR: the account's ARR x (the tier's uplift - 1) x the tier's probability of close. The
     * uplift is the ARR multiple after the expansion (1.2-1.5), so the expansion itself is the part above 1.
     *
     * @param closeInDays      CloseDate = today + this
     * @param lostCooldownDays no new expansion Opportunity for an account this long after one of ours closed lost
     * @param recordTypeId     null: the org's default record type
     * @param tiers            highest first; an account takes the first tier whose min_score its expansion score reaches
     */
    public record ExpansionOpportunity(String stage, String type, String leadSource, String recordTypeId,
                                       int closeInDays, int lostCooldownDays, List<Tier> tiers, Readiness readiness) {

        public static final ExpansionOpportunity DEFAULTS = new ExpansionOpportunity("Prospecting",
                "Existing Customer - Upgrade", "Customer Success", null, 90, 90, List.of(
                new Tier("high", 80, 1.5, 0.6), new Tier("medium", 50, 1.35, 0.35), new Tier("low", 0, 1.2, 0.15)),
                Readiness.DEFAULTS);

        public ExpansionOpportunity {
            tiers = tiers.stream().sorted(java.util.Comparator.comparingDouble(Tier::minScore).reversed()).toList();
            readiness = readiness == null ? Readiness.DEFAULTS : readiness;
        }

        public ExpansionOpportunity(String stage, String type, String leadSource, String recordTypeId, int closeInDays,
                                    int lostCooldownDays, List<Tier> tiers) {
            this(stage, type, leadSource, recordTypeId, closeInDays, lostCooldownDays, tiers, Readiness.DEFAULTS);
        }

        /** The tier of an expansion score (0-100): the first whose min_score it reaches; the lowest otherwise. */
        public Tier tier(double expansionScore) {
            return tiers.stream().filter(t -> expansionScore >= t.minScore()).findFirst()
                    .orElse(tiers.get(tiers.size() - 1));
        }
    }

    /**
     * The rules expansion readiness (used without a promoted expansion model): weight per signal (module_depth,
     * seat_utilisation, user_growth, satisfaction; DOMAIN.md's 40/30/15/10, renormalised over the signals a
     * company has) and the bonus points for a recent upgrade.
     */
    public record Readiness(Map<String, Double> weights, double priorUpsellBonus) {

        public static final List<String> SIGNALS = List.of("module_depth", "seat_utilisation", "user_growth", "satisfaction");
        public static final Readiness DEFAULTS = new Readiness(Map.of("module_depth", 40.0, "seat_utilisation", 30.0,
                "user_growth", 15.0, "satisfaction", 10.0), 5.0);

        public Readiness {
            weights = Map.copyOf(weights);
        }
    }

    /** An expansion tier: from which expansion score (0-100), the ARR uplift, the probability of close. */
    public record Tier(String name, double minScore, double uplift, double probabilityOfClose) {
    }

    /** The longest cooldown of any playbook (cohort versions included): how far back earlier actions matter to a plan. */
    public int longestCooldownDays() {
        int longest = 0;
        for (Playbook playbook : playbooks) {
            longest = Math.max(longest, playbook.cooldownDays());
            for (Playbook cohort : playbook.cohorts().values()) {
                longest = Math.max(longest, cohort.cooldownDays());
            }
        }
        return longest;
    }

    /**
     * How many days of score history the triggers look back at, at most (cohort versions included): a drop
     * within window_days, red for days.
     */
    public int longestLookbackDays() {
        int longest = 0;
        for (Playbook playbook : playbooks) {
            for (Playbook p : java.util.stream.Stream.concat(java.util.stream.Stream.of(playbook),
                    playbook.cohorts().values().stream()).toList()) {
                Trigger t = p.trigger();
                longest = Math.max(longest, Math.max(t.windowDays() == null ? 0 : t.windowDays(), t.days() == null ? 0 : t.days()));
            }
        }
        return longest;
    }

    /** The shipped default playbooks.yaml. */
    public static PlaybooksConfig defaults() {
        ConfigFile file = new ConfigFile(ConfigLoader.PLAYBOOKS + " (shipped default)");
        PlaybooksConfig config = PlaybooksReader.read(file, ConfigLoader.defaultText(ConfigLoader.PLAYBOOKS));
        if (config == null) {
            throw new ConfigException(file.errors());
        }
        return config;
    }

    public enum TriggerKind {
        SCORE_DROP, RED_FOR_DAYS, LOW_CSAT_FALLING_SCORE, EXPANSION_READY;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum ActionKind {
        LOG_ONLY, TASK, ESCALATION_TASK, OPPORTUNITY;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Salesforce Task priorities (its picklist values are {@link #label()}). */
    public enum Priority {
        LOW, NORMAL, HIGH;

        public String label() {
            return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
        }
    }

    /**
     * When a playbook fires. Only the fields of its kind are used; the others are null.
     *
     * @param minPoints              score_drop, low_csat_falling_score: the smallest drop (points) that fires
     * @param maxPoints              score_drop: the largest drop that fires; null for no upper bound
     * @param windowDays             score_drop, low_csat_falling_score: the drop is measured from the highest
     *                               score in this many days before today
     * @param days                   red_for_days: how long the account must have been red
     * @param minBadCsatShare        low_csat_falling_score: the least share (0-1) of bad CSAT ratings
     * @param minExpansionPropensity expansion_ready: the least expansion probability (0-1)
     * @param band                   expansion_ready: the band the account must be in (green)
     */
    public record Trigger(TriggerKind kind, Integer minPoints, Integer maxPoints, Integer windowDays, Integer days,
                          Double minBadCsatShare, Double minExpansionPropensity, String band) {
    }

    /** account_owner, a fixed user id, or an account team role (resolved per account by the caller). */
    public record Owner(Kind kind, String value) {
        public enum Kind { ACCOUNT_OWNER, USER, ROLE }

        public static final Owner ACCOUNT_OWNER = new Owner(Kind.ACCOUNT_OWNER, null);

        @Override
        public String toString() {
            return switch (kind) {
                case ACCOUNT_OWNER -> "account_owner";
                case USER -> "user:" + value;
                case ROLE -> "role:" + value;
            };
        }
    }

    public record Playbook(String id, Trigger trigger, ActionKind action, Owner owner, int dueHours, Priority priority,
                           String subject, String description, int cooldownDays, double holdoutShare, boolean enabled,
                           Map<String, Playbook> cohorts) {

        public Playbook {
            cohorts = Map.copyOf(cohorts);
        }

        /** The playbook as it stands for accounts of {@code segment} (itself when no cohort names the segment). */
        public Playbook forSegment(String segment) {
            return segment == null ? this : cohorts.getOrDefault(segment, this);
        }
    }
}
