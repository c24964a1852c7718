package io.healthsync.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.healthsync.writeback.WrittenValue;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What healthsync last wrote to one CRM record, as the written_record row holds it: one JSON object, a field a key,
 * {@code {"Health_Score__c": {"value": "72", "basis": 71.6, "plan": "20261206-...", "at": "2026-12-06T09:56:25Z"}}}.
 * One row a record, not one a field: a first apply at 100,000 accounts stored 400,000 written_field rows, and H2's
 * inserts and commits of them were most of recording its results.
 */
public final class WrittenRecord {

    private static final JsonFactory JSON = new JsonFactory();

    /** One field as last written: its value as sent, the unrounded score behind it (or null), the plan and when. */
    public record Field(String value, Double basis, String planId, Instant writtenAt) {

        public WrittenValue written() {
            return new WrittenValue(value, basis, writtenAt);
        }
    }

    private WrittenRecord() {
    }

    /** The fields as stored, in name order so that the same fields always make the same text. */
    public static String encode(Map<String, Field> fields) {
        StringWriter out = new StringWriter(64 * fields.size());
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            for (Map.Entry<String, Field> entry : new TreeMap<>(fields).entrySet()) {
                Field field = entry.getValue();
                json.writeObjectFieldStart(entry.getKey());
                json.writeStringField("value", field.value());
                if (field.basis() != null) {
                    json.writeNumberField("basis", field.basis());
                }
                if (field.planId() != null) {
                    json.writeStringField("plan", field.planId());
                }
                json.writeStringField("at", field.writtenAt().toString());
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a written record as JSON", e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /**
     * Reads the records of one pass over many rows: a field's name, a band or a whole score, a plan and the instant
     * an apply part wrote at repeat from record to record, and are kept (and parsed) once.
     */
    static final class Reader {

        private final RepeatedValues repeated = new RepeatedValues();
        private final Map<String, Instant> instants = new HashMap<>();

        /** The fields of a stored record; {@code where} names the row in the error when the text is not one. */
        Map<String, Field> decode(String text, String where) {
            return WrittenRecord.decode(text, where, repeated, instants);
        }
    }

    /** The fields of a stored record; {@code where} names the row in the error when the text is not one. */
    static Map<String, Field> decode(String text, String where) {
        return decode(text, where, new RepeatedValues(), new HashMap<>());
    }

    private static Map<String, Field> decode(String text, String where, RepeatedValues repeated,
                                             Map<String, Instant> instants) {
        Map<String, Field> fields = new LinkedHashMap<>(8);
        try (JsonParser json = JSON.createParser(text)) {
            expect(json.nextToken(), JsonToken.START_OBJECT, where);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = repeated.of(json.currentName());
                expect(json.nextToken(), JsonToken.START_OBJECT, where);
                String value = null;
                Double basis = null;
                String planId = null;
                Instant at = null;
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String key = json.currentName();
                    JsonToken token = json.nextToken();
                    boolean isNull = token == JsonToken.VALUE_NULL;
                    switch (key) {
                        case "value" -> value = isNull ? null : repeated.of(json.getText());
                        case "basis" -> basis = isNull ? null : json.getDoubleValue();
                        case "plan" -> planId = isNull ? null : repeated.of(json.getText());
                        case "at" -> at = isNull ? null : instants.computeIfAbsent(json.getText(), Instant::parse);
                        default -> json.skipChildren(); // a key a later version added
                    }
                }
                if (at == null) {
                    throw new StoreException(where + ": written field " + name + " has no \"at\"", null);
                }
                fields.put(name, new Field(value, basis, planId, at));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof StoreException stored) {
                throw stored;
            }
            throw new StoreException(where + ": not a written record (" + e.getMessage() + ")", e);
        }
        return fields;
    }

    private static void expect(JsonToken token, JsonToken expected, String where) {
        if (token != expected) {
            throw new StoreException(where + ": not a written record (" + expected + " expected, found " + token + ")",
                    null);
        }
    }
}
