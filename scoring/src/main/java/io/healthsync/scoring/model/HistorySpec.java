package io.healthsync.scoring.model;

/**
 * Which columns of a history export mean what: the account id, the label and its positive value, and
 * optionally the as-of time. Every other column is a feature.
 *
 * @param maxCategories text columns keep this many most frequent values as their own one-hot columns and
 *                      put the rest in "other", so a free-text column cannot explode the feature count
 */
public record HistorySpec(String idColumn, String labelColumn, String positive, String timeColumn, int maxCategories) {

    public static final int DEFAULT_MAX_CATEGORIES = 20;

    public HistorySpec(String idColumn, String labelColumn, String positive, String timeColumn) {
        this(idColumn, labelColumn, positive, timeColumn, DEFAULT_MAX_CATEGORIES);
    }
}
