package io.healthsync.scoring.model;

import io.healthsync.model.Band;
import java.util.Map;

/**
 * The bands of a model's health score, from its metadata ({@code "bands": {"red_max": R, "yellow_max": Y}}, set
 * from the churn observed per band when it was trained), else the scorecard's defaults 30 and 70. Like the
 * scorecard, the band is read from the rounded score, so a score the CRM shows as 30 is red when red_max is 30.
 */
record ModelBands(double redMax, double yellowMax) {

    static final ModelBands DEFAULT = new ModelBands(30, 70);

    Band band(double score) {
        long shown = Math.round(score);
        if (shown <= redMax) {
            return Band.RED;
        }
        return shown <= yellowMax ? Band.YELLOW : Band.GREEN;
    }

    static ModelBands from(Object bands, String where) {
        if (bands == null) {
            return DEFAULT;
        }
        if (!(bands instanceof Map<?, ?> map) || !(map.get("red_max") instanceof Number red)
                || !(map.get("yellow_max") instanceof Number yellow)) {
            throw new IllegalStateException(where + ": \"bands\" must be {\"red_max\": number, \"yellow_max\": number}, got "
                    + bands);
        }
        if (red.doubleValue() > yellow.doubleValue()) {
            throw new IllegalStateException(where + ": bands red_max " + red + " is above yellow_max " + yellow);
        }
        return new ModelBands(red.doubleValue(), yellow.doubleValue());
    }
}
