package io.healthsync.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthsync.store.StoredScore;
import java.util.Locale;

/**
 * The read API's answer for one account: the seed schema ({@code customer_id, health_score, band, signals,
 * timestamp}) plus churn and expansion probability, drivers, the day scored and what scored it.
 */
final class AccountHealthJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AccountHealthJson() {
    }

    static String of(StoredScore score) throws java.io.IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("customer_id", score.accountId());
        body.put("health_score", (int) Math.round(score.score()));
        body.put("band", label(score.band()));
        body.set("signals", array(score.signalsJson()));
        body.put("timestamp", score.computedAt() == null ? null : score.computedAt().toString());
        body.put("churn_probability", score.churnProbability());
        body.put("expansion_probability", score.expansionProbability());
        body.set("drivers", array(score.driversJson()));
        body.put("as_of", score.asOf().toString());
        body.put("model_version", score.modelVersion());
        return JSON.writeValueAsString(body);
    }

    private static JsonNode array(String json) throws java.io.IOException {
        return json == null ? JSON.createArrayNode() : JSON.readTree(json);
    }

    /** RED -> Red: as written to the CRM picklist. */
    private static String label(String band) {
        return band == null || band.isEmpty() ? band
                : band.charAt(0) + band.substring(1).toLowerCase(Locale.ROOT);
    }
}
