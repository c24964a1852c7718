package io.healthsync.mappings;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** Reads fields.yaml into a {@link FieldMapping}. */
final class FieldMappingReader {

    static final List<String> READ_KEYS = List.of("segment", "arr", "seats_licensed", "contract_start", "renewal_date");
    static final List<String> WRITE_KEYS = List.of(FieldMapping.HEALTH_SCORE, FieldMapping.HEALTH_BAND,
            FieldMapping.HEALTH_DRIVERS, FieldMapping.HEALTH_UPDATED, FieldMapping.CHURN_RISK, FieldMapping.EXPANSION_PROPENSITY);

    /**
     * A Salesforce API name: starts with a letter, single underscores between letters and digits, no
     * trailing underscore; optionally a managed package's namespace prefix ({@code ns__}) and the custom
     * suffix {@code __c}. Salesforce itself rejects anything else.
     */
    private static final String WORD = "[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*";
    private static final Pattern API_NAME = Pattern.compile("(?:" + WORD + "__)?" + WORD + "(?:__c)?");

    private FieldMappingReader() {
    }

    static FieldMapping read(ConfigFile file, String text) {
        Section root = file.root(text, "account", "writeback");
        Section account = root.section("account", List.of("read", "write"));
        Map<String, String> read = fields(file, account.section("read", READ_KEYS));
        Section writeSection = account.section("write", WRITE_KEYS);
        if (writeSection.present() && !writeSection.has(FieldMapping.HEALTH_SCORE)) {
            file.error(writeSection.at(), writeSection.path(FieldMapping.HEALTH_SCORE), "missing key 'health_score'; "
                    + "expected the Account field that receives the score (e.g. Health_Score__c)");
        }
        Map<String, String> write = fields(file, writeSection);
        checkWrittenOnce(file, writeSection, write, read);

        Section writeback = root.section("writeback", List.of("min_score_change", "batch_size", "drivers_max_length",
                "bulk_threshold"));
        Double minScoreChange = writeback.number("min_score_change", 0, 100);
        Integer batchSize = writeback.integer("batch_size", 1, 200);
        Integer driversMaxLength = writeback.integer("drivers_max_length", 40, 131_072);
        Integer bulkThreshold = writeback.has("bulk_threshold") ? writeback.integer("bulk_threshold", 1, 150_000_000)
                : Integer.valueOf(FieldMapping.WritebackPolicy.DEFAULT_BULK_THRESHOLD);

        if (file.hasErrors()) {
            return null;
        }
        return new FieldMapping(read, write,
                new FieldMapping.WritebackPolicy(minScoreChange, batchSize, driversMaxLength, bulkThreshold));
    }

    static boolean isApiName(String name) {
        return API_NAME.matcher(name).matches();
    }

    private static Map<String, String> fields(ConfigFile file, Section section) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String key : section.keys()) {
            String field = section.text(key);
            if (field == null) {
                continue;
            }
            if (!isApiName(field)) {
                file.error(section.required(key), section.path(key), "invalid Salesforce field name \"" + field
                        + "\"; expected an API name: a letter, then letters, digits and single underscores, "
                        + "ending in __c for a custom field (e.g. Health_Score__c)");
                continue;
            }
            fields.put(key, field);
        }
        return fields;
    }

    /** Two results in one field would overwrite each other; writing a field we read would feed scores back into themselves. */
    private static void checkWrittenOnce(ConfigFile file, Section writeSection, Map<String, String> write,
                                         Map<String, String> read) {
        Map<String, String> resultByField = new HashMap<>();
        Map<String, String> attributeByField = new HashMap<>();
        read.forEach((attribute, field) -> attributeByField.put(field.toLowerCase(Locale.ROOT), attribute));
        write.forEach((result, field) -> {
            String sameField = field.toLowerCase(Locale.ROOT); // Salesforce API names ignore case
            String other = resultByField.putIfAbsent(sameField, result);
            if (other != null) {
                file.error(writeSection.required(result), writeSection.path(result), other + " and " + result
                        + " are both written to " + field + "; expected a separate field for each result");
            } else if (attributeByField.containsKey(sameField)) {
                file.error(writeSection.required(result), writeSection.path(result), field + " is read as "
                        + attributeByField.get(sameField) + " and written as " + result
                        + "; expected a field that healthsync does not read");
            }
        });
    }
}
