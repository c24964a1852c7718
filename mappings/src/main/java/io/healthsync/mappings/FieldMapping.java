package io.healthsync.mappings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * fields.yaml: where account attributes are read from in Salesforce, and which Account field
 * receives which result.
 *
 * @param accountRead  canonical attribute (segment, arr, seats_licensed, contract_start, renewal_date) -> Account field
 * @param accountWrite canonical result (health_score, health_band, health_drivers, health_updated) -> Account field
 */
public record FieldMapping(
        Map<String, String> accountRead,
        Map<String, String> accountWrite,
        WritebackPolicy writeback) {

    public static final String HEALTH_SCORE = "health_score";
    public static final String HEALTH_BAND = "health_band";
    public static final String HEALTH_DRIVERS = "health_drivers";
    public static final String HEALTH_UPDATED = "health_updated";
    /** The model's calibrated churn probability, in percent (written only when a churn model scored). */
    public static final String CHURN_RISK = "churn_risk";
    /** The expansion model's probability, in percent (written only when an expansion model scored). */
    public static final String EXPANSION_PROPENSITY = "expansion_propensity";

    public FieldMapping {
        accountRead = Collections.unmodifiableMap(new LinkedHashMap<>(accountRead));
        accountWrite = Collections.unmodifiableMap(new LinkedHashMap<>(accountWrite));
    }

    /**
     * @param minScoreChange  smallest score move (points) worth a write; band or driver changes are always written
     * @param batchSize       records per sObject Collections call, 1..200
     * @param driversMaxLength the target text field's length; longer driver text is cut at a sentence
     * @param bulkThreshold   records of one sObject type above which a plan goes through Bulk API 2.0 ingest
     *                        instead of sObject Collections (Salesforce's guidance: about 2,000)
     */
    public record WritebackPolicy(double minScoreChange, int batchSize, int driversMaxLength, int bulkThreshold) {

        public static final int DEFAULT_BULK_THRESHOLD = 2_000;

        public WritebackPolicy(double minScoreChange, int batchSize, int driversMaxLength) {
            this(minScoreChange, batchSize, driversMaxLength, DEFAULT_BULK_THRESHOLD);
        }
    }
}
