package io.healthsync.mappings;

import io.healthsync.mappings.PlaybooksConfig.ActionKind;
import io.healthsync.mappings.PlaybooksConfig.Owner;
import io.healthsync.mappings.PlaybooksConfig.Playbook;
import io.healthsync.mappings.PlaybooksConfig.Priority;
import io.healthsync.mappings.PlaybooksConfig.Trigger;
import io.healthsync.mappings.PlaybooksConfig.TriggerKind;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads playbooks.yaml into a {@link PlaybooksConfig}. */
final class PlaybooksReader {

    static final List<String> PLACEHOLDERS = List.of("account", "drop", "days", "drivers", "score", "band");
    private static final List<String> PLAYBOOK_KEYS = List.of("id", "trigger", "action", "owner", "due_hours",
            "priority", "subject", "description", "cooldown_days", "holdout_share", "enabled", "cohorts");
    private static final List<String> COHORT_KEYS = List.of("trigger", "action", "owner", "due_hours", "priority",
            "subject", "description", "cooldown_days", "holdout_share", "enabled");
    private static final Map<TriggerKind, List<String>> TRIGGER_KEYS = Map.of(
            TriggerKind.SCORE_DROP, List.of("min_points", "max_points", "window_days"),
            TriggerKind.RED_FOR_DAYS, List.of("days"),
            TriggerKind.LOW_CSAT_FALLING_SCORE, List.of("min_bad_csat_share", "min_points", "window_days"),
            TriggerKind.EXPANSION_READY, List.of("min_expansion_propensity", "band"));
    private static final List<String> ALL_TRIGGER_KEYS = List.of("kind", "min_points", "max_points", "window_days",
            "days", "min_bad_csat_share", "min_expansion_propensity", "band");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern ID = Pattern.compile("[a-z0-9_]+");

    private PlaybooksReader() {
    }

    static PlaybooksConfig read(ConfigFile file, String text) {
        Section root = file.root(text, "holdout_share", "webhook", "opportunity", "playbooks");
        double defaultShare = PlaybooksConfig.DEFAULT_HOLDOUT_SHARE;
        if (root.has("holdout_share")) {
            Double share = root.number("holdout_share", 0, 0.5);
            defaultShare = share == null ? defaultShare : share;
        }
        List<Node> items = root.list("playbooks", "playbooks");
        List<Playbook> playbooks = new java.util.ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; items != null && i < items.size(); i++) {
            String path = "playbooks[" + i + "]";
            Section p = file.mapping(items.get(i), path, items.get(i), PLAYBOOK_KEYS);
            Playbook playbook = playbook(file, p, defaultShare, ids);
            if (playbook != null) {
                playbooks.add(playbook);
            }
        }
        String webhook = webhook(file, root);
        PlaybooksConfig.ExpansionOpportunity opportunity = opportunity(file, root);
        return file.hasErrors() ? null : new PlaybooksConfig(playbooks, webhook, opportunity);
    }

    /** webhook.url: where light-touch (and every other) action is posted; empty or left out: none. */
    private static String webhook(ConfigFile file, Section root) {
        Section webhook = root.optionalSection("webhook", List.of("url"));
        if (!webhook.present() || webhook.optional("url") == null) {
            return null;
        }
        String url = webhook.text("url");
        if (url == null || url.isBlank()) {
            return null;
        }
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            file.error(webhook.required("url"), webhook.path("url"), "expected an http(s) URL, got \"" + url + "\"");
            return null;
        }
        return url;
    }

    private static PlaybooksConfig.ExpansionOpportunity opportunity(ConfigFile file, Section root) {
        var defaults = PlaybooksConfig.ExpansionOpportunity.DEFAULTS;
        Section o = root.optionalSection("opportunity", List.of("stage", "type", "lead_source", "record_type_id",
                "close_in_days", "lost_cooldown_days", "tiers", "readiness"));
        if (!o.present()) {
            return defaults;
        }
        String stage = o.has("stage") ? o.text("stage") : defaults.stage();
        String type = o.has("type") ? o.text("type") : defaults.type();
        String leadSource = o.has("lead_source") ? o.text("lead_source") : defaults.leadSource();
        String recordType = o.optional("record_type_id") != null ? o.text("record_type_id") : null;
        if (recordType != null && !recordType.isBlank() && !recordType.matches("012[A-Za-z0-9]{12}([A-Za-z0-9]{3})?")) {
            file.error(o.required("record_type_id"), o.path("record_type_id"),
                    "expected a record type Id (15 or 18 characters starting with 012), got \"" + recordType + "\"");
        }
        Integer closeIn = o.has("close_in_days") ? o.integer("close_in_days", 1, 730) : Integer.valueOf(defaults.closeInDays());
        Integer lost = o.has("lost_cooldown_days") ? o.integer("lost_cooldown_days", 0, 3650)
                : Integer.valueOf(defaults.lostCooldownDays());
        List<PlaybooksConfig.Tier> tiers = defaults.tiers();
        if (o.has("tiers")) {
            Section t = o.section("tiers", null);
            tiers = new java.util.ArrayList<>();
            for (String name : t.keys()) {
                Section tier = t.section(name, List.of("min_score", "uplift", "probability_of_close"));
                Double min = tier.number("min_score", 0, 100);
                Double uplift = tier.number("uplift", 1, 10);
                Double poc = tier.number("probability_of_close", 0, 1);
                if (min != null && uplift != null && poc != null) {
                    tiers.add(new PlaybooksConfig.Tier(name, min, uplift, poc));
                }
            }
            if (tiers.isEmpty() && !file.hasErrors()) {
                file.error(o.required("tiers"), o.path("tiers"), "expected at least one tier (e.g. high: {min_score: 80, "
                        + "uplift: 1.5, probability_of_close: 0.6})");
            }
        }
        PlaybooksConfig.Readiness readiness = o.has("readiness") ? readiness(file, o) : PlaybooksConfig.Readiness.DEFAULTS;
        if (stage == null || type == null || leadSource == null || closeIn == null || lost == null || tiers.isEmpty()
                || readiness == null) {
            return null;
        }
        return new PlaybooksConfig.ExpansionOpportunity(stage, type, leadSource,
                recordType == null || recordType.isBlank() ? null : recordType, closeIn, lost, tiers, readiness);
    }

    private static Playbook playbook(ConfigFile file, Section p, double defaultShare, Set<String> ids) {
        if (!p.present()) {
            return null;
        }
        String id = p.text("id");
        if (id != null && !ID.matcher(id).matches()) {
            file.error(p.required("id"), p.path("id"), "expected lower-case letters, digits and '_', got \"" + id + "\"");
            id = null;
        } else if (id != null && !ids.add(id)) {
            file.error(p.required("id"), p.path("id"), "duplicate playbook id '" + id
                    + "'; expected each id once (it is part of every record's key)");
        }
        Section t = p.section("trigger", ALL_TRIGGER_KEYS);
        TriggerKind kind = t.present() ? choice(file, t, "kind", TriggerKind.class) : null;
        Trigger trigger = kind == null ? null : trigger(file, t, kind, null);
        ActionKind action = choice(file, p, "action", ActionKind.class);
        Owner owner = owner(file, p);
        Integer dueHours = p.integer("due_hours", 0, 24 * 90);
        Priority priority = choice(file, p, "priority", Priority.class);
        String subject = template(file, p, "subject");
        String description = template(file, p, "description");
        Integer cooldown = p.integer("cooldown_days", 0, 3650);
        Double share = p.has("holdout_share") ? p.number("holdout_share", 0, 0.5) : Double.valueOf(defaultShare);
        Boolean enabled = p.has("enabled") ? p.bool("enabled") : Boolean.TRUE;
        if (id == null || trigger == null || action == null || owner == null || dueHours == null || priority == null
                || subject == null || description == null || cooldown == null || share == null || enabled == null) {
            return null;
        }
        Playbook base = new Playbook(id, trigger, action, owner, dueHours, priority, subject, description, cooldown,
                share, enabled, Map.of());
        Map<String, Playbook> cohorts = new LinkedHashMap<>();
        Section segments = p.optionalSection("cohorts", null);
        for (String segment : segments.keys()) {
            Playbook cohort = cohort(file, segments.section(segment, COHORT_KEYS), base);
            if (cohort != null) {
                cohorts.put(segment, cohort);
            }
        }
        return new Playbook(id, trigger, action, owner, dueHours, priority, subject, description, cooldown, share,
                enabled, cohorts);
    }

    /** The base playbook with the keys the cohort gives replaced. */
    private static Playbook cohort(ConfigFile file, Section c, Playbook base) {
        if (!c.present()) {
            return null;
        }
        Trigger trigger = base.trigger();
        if (c.has("trigger")) {
            Section t = c.section("trigger", TRIGGER_KEYS.get(trigger.kind()));
            trigger = trigger(file, t, trigger.kind(), trigger);
        }
        ActionKind action = c.has("action") ? choice(file, c, "action", ActionKind.class) : base.action();
        Owner owner = c.has("owner") ? owner(file, c) : base.owner();
        Integer dueHours = c.has("due_hours") ? c.integer("due_hours", 0, 24 * 90) : Integer.valueOf(base.dueHours());
        Priority priority = c.has("priority") ? choice(file, c, "priority", Priority.class) : base.priority();
        String subject = c.has("subject") ? template(file, c, "subject") : base.subject();
        String description = c.has("description") ? template(file, c, "description") : base.description();
        Integer cooldown = c.has("cooldown_days") ? c.integer("cooldown_days", 0, 3650) : Integer.valueOf(base.cooldownDays());
        Double share = c.has("holdout_share") ? c.number("holdout_share", 0, 0.5) : Double.valueOf(base.holdoutShare());
        Boolean enabled = c.has("enabled") ? c.bool("enabled") : Boolean.valueOf(base.enabled());
        if (trigger == null || action == null || owner == null || dueHours == null || priority == null
                || subject == null || description == null || cooldown == null || share == null || enabled == null) {
            return null;
        }
        return new Playbook(base.id(), trigger, action, owner, dueHours, priority, subject, description, cooldown,
                share, enabled, Map.of());
    }

    /** A trigger of {@code kind}: its own keys are required unless {@code base} gives them (a cohort override). */
    private static Trigger trigger(ConfigFile file, Section t, TriggerKind kind, Trigger base) {
        List<String> allowed = TRIGGER_KEYS.get(kind);
        for (String key : t.keys()) {
            if (!key.equals("kind") && !allowed.contains(key)) {
                file.error(t.keyNode(key), t.path(key), "'" + key + "' does not apply to a " + kind.key()
                        + " trigger; expected: " + String.join(", ", allowed));
            }
        }
        boolean ok = true;
        Integer minPoints = base == null ? null : base.minPoints();
        Integer maxPoints = base == null ? null : base.maxPoints();
        Integer windowDays = base == null ? null : base.windowDays();
        Integer days = base == null ? null : base.days();
        Double minBadCsat = base == null ? null : base.minBadCsatShare();
        Double minPropensity = base == null ? null : base.minExpansionPropensity();
        String band = base == null ? null : base.band();
        if (allowed.contains("min_points") && (base == null || t.has("min_points"))) {
            minPoints = t.integer("min_points", 1, 100);
            ok &= minPoints != null;
        }
        if (allowed.contains("max_points") && t.has("max_points")) {
            maxPoints = t.integer("max_points", 1, 100);
            ok &= maxPoints != null;
        }
        if (allowed.contains("window_days") && (base == null || t.has("window_days"))) {
            windowDays = t.integer("window_days", 1, 365);
            ok &= windowDays != null;
        }
        if (allowed.contains("days") && (base == null || t.has("days"))) {
            days = t.integer("days", 1, 730);
            ok &= days != null;
        }
        if (allowed.contains("min_bad_csat_share") && (base == null || t.has("min_bad_csat_share"))) {
            minBadCsat = t.number("min_bad_csat_share", 0, 1);
            ok &= minBadCsat != null;
        }
        if (allowed.contains("min_expansion_propensity") && (base == null || t.has("min_expansion_propensity"))) {
            minPropensity = t.number("min_expansion_propensity", 0, 1);
            ok &= minPropensity != null;
        }
        if (allowed.contains("band")) {
            if (t.has("band")) {
                band = t.text("band");
                if (band != null && !List.of("red", "yellow", "green").contains(band)) {
                    file.error(t.required("band"), t.path("band"), "expected one of: red, yellow, green, got \"" + band + "\"");
                    band = null;
                }
                ok &= band != null;
            } else if (band == null) {
                band = "green";
            }
        }
        if (minPoints != null && maxPoints != null && maxPoints < minPoints) {
            Node at = t.has("max_points") ? t.required("max_points") : t.at();
            file.error(at, t.path("max_points"), "max_points (" + maxPoints + ") is below min_points (" + minPoints
                    + "); expected an integer between " + minPoints + " and 100");
            ok = false;
        }
        return ok ? new Trigger(kind, minPoints, maxPoints, windowDays, days, minBadCsat, minPropensity, band) : null;
    }

    /** opportunity.readiness: a weight (0-100) per readiness signal, any left out is 0; and prior_upsell_bonus. */
    private static PlaybooksConfig.Readiness readiness(ConfigFile file, Section o) {
        List<String> keys = new java.util.ArrayList<>(PlaybooksConfig.Readiness.SIGNALS);
        keys.add("prior_upsell_bonus");
        Section r = o.section("readiness", keys);
        Map<String, Double> weights = new LinkedHashMap<>();
        boolean ok = true;
        for (String signal : PlaybooksConfig.Readiness.SIGNALS) {
            if (r.has(signal)) {
                Double weight = r.number(signal, 0, 100);
                ok &= weight != null;
                if (weight != null) {
                    weights.put(signal, weight);
                }
            }
        }
        Double bonus = r.has("prior_upsell_bonus") ? r.number("prior_upsell_bonus", 0, 100)
                : Double.valueOf(PlaybooksConfig.Readiness.DEFAULTS.priorUpsellBonus());
        if (ok && weights.values().stream().noneMatch(w -> w > 0)) {
            file.error(r.at(), o.path("readiness"), "expected a weight above 0 for at least one of: "
                    + String.join(", ", PlaybooksConfig.Readiness.SIGNALS));
            ok = false;
        }
        return ok && bonus != null ? new PlaybooksConfig.Readiness(weights, bonus) : null;
    }

    private static <E extends Enum<E>> E choice(ConfigFile file, Section s, String key, Class<E> type) {
        String value = s.text(key);
        if (value == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(value)) {
                return constant;
            }
        }
        List<String> names = Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
        String hint = ConfigFile.closest(value, names).map(n -> " (did you mean '" + n + "'?)").orElse("");
        file.error(s.required(key), s.path(key), "expected one of: " + String.join(", ", names) + ", got \""
                + value + "\"" + hint);
        return null;
    }

    private static Owner owner(ConfigFile file, Section s) {
        String value = s.text("owner");
        if (value == null) {
            return null;
        }
        if (value.equals("account_owner")) {
            return Owner.ACCOUNT_OWNER;
        }
        if (value.startsWith("user:") && !value.substring(5).isBlank()) {
            return new Owner(Owner.Kind.USER, value.substring(5).trim());
        }
        if (value.startsWith("role:") && !value.substring(5).isBlank()) {
            return new Owner(Owner.Kind.ROLE, value.substring(5).trim());
        }
        file.error(s.required("owner"), s.path("owner"), "expected account_owner, user:<Salesforce user id> or "
                + "role:<account team role>, got \"" + value + "\"");
        return null;
    }

    private static String template(ConfigFile file, Section s, String key) {
        String value = s.text(key);
        if (value == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        boolean ok = true;
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                file.error(s.required(key), s.path(key), "unknown placeholder {" + m.group(1) + "}; expected any of: "
                        + PLACEHOLDERS.stream().map(n -> "{" + n + "}").reduce((a, b) -> a + ", " + b).orElse(""));
                ok = false;
            }
        }
        return ok ? value : null;
    }
}
