package io.healthsync.routes;

import io.healthsync.mappings.Taxonomy;
import io.healthsync.model.Activity;
import io.healthsync.model.ActivityType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Types stored free-text activities with this run's taxonomy, so an edited taxonomy.yaml applies to everything
 * already stored; shared by scoring and training so both see the same types. Tells which labels it leaves as
 * "other", so that the report can count them.
 */
public final class ActivityClassifier {

    private final Taxonomy taxonomy;
    // labels repeat across thousands of activities: classify each distinct pair once, found by the two labels in
    // turn (a List key built and hashed per activity, 1.6 million a run at 100,000 accounts, showed in profiles)
    private final Map<String, Map<String, ActivityType>> known = new HashMap<>();

    public ActivityClassifier(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    /** The same activities by account, each with a type: typed ones as they are, free text classified. */
    public Map<String, List<Activity>> classify(Map<String, List<Activity>> byAccount) {
        Map<String, List<Activity>> classified = new HashMap<>(byAccount.size() * 2);
        byAccount.forEach((account, activities) -> classified.put(account, classify(activities)));
        return classified;
    }

    /** The same activities, each with a type: typed ones as they are, free text classified. */
    public List<Activity> classify(List<Activity> activities) {
        List<Activity> typed = new ArrayList<>(activities.size());
        for (Activity activity : activities) {
            typed.add(activity.type() != null ? activity : activity.withType(classified(activity)));
        }
        return typed;
    }

    /**
     * The labels of these activities' free text that the taxonomy leaves as "other", with how many activities on or
     * after {@code from} had each.
     */
    public Map<String, Integer> unknownLabels(List<Activity> activities, java.time.Instant from) {
        Map<String, Integer> counts = null;
        for (Activity activity : activities) {
            if (activity.type() == null && activity.occurredAt() != null && !activity.occurredAt().isBefore(from)
                    && classified(activity) == ActivityType.OTHER) {
                if (counts == null) {
                    counts = new HashMap<>();
                }
                counts.merge(labelOf(activity), 1, Integer::sum);
            }
        }
        return counts == null ? Map.of() : counts;
    }

    private ActivityType classified(Activity activity) {
        return known.computeIfAbsent(activity.rawType(), raw -> new HashMap<>())
                .computeIfAbsent(activity.sourceType(), source -> taxonomy.classify(activity.rawType(), source));
    }

    private static String labelOf(Activity activity) {
        return activity.label() == null || activity.label().isBlank() ? "(blank)" : activity.label();
    }
}
