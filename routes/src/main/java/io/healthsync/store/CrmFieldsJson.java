package io.healthsync.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An account's CRM fields as the account row's crm_fields column holds them ({@code {"Health_Band__c": "Green", ...}}),
 * read token by token: scoring, the plan and a drifted pull's echo check each read 100,000 of them, and Jackson's
 * object mapper took a quarter of reading the accounts.
 */
final class CrmFieldsJson {

    private static final JsonFactory JSON = new JsonFactory();

    private CrmFieldsJson() {
    }

    /**
     * The fields in stored order, each value shared through {@code repeated}; none for no text. {@code accountId} names
     * the row in the error when the text is not such an object.
     */
    static Map<String, String> read(String text, RepeatedValues repeated, String accountId) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (text == null) {
            return fields;
        }
        try (JsonParser json = JSON.createParser(text)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new StoreException("account " + accountId + ": crm_fields is not a JSON object", null);
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = repeated.of(json.currentName());
                JsonToken value = json.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    throw new StoreException("account " + accountId + ": crm_fields." + name + " is not a single value",
                            null);
                }
                fields.put(name, value == JsonToken.VALUE_NULL ? null : repeated.of(json.getText()));
            }
        } catch (IOException e) {
            throw new StoreException("account " + accountId + ": crm_fields is not JSON (" + e.getMessage() + ")", e);
        }
        return fields;
    }
}
