package io.healthsync.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.healthsync.writeback.WrittenValue;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fields healthsync last wrote to one CRM record, as written_record keeps them: one JSON object per record,
 * field -> {value, basis, at}. One row per record instead of one per field: at 100,000 Accounts a first apply
 * wrote 400,000 rows, and H2's commit read each back. Read and written with Jackson's streaming parser and
 * generator, without maps in between: every plan reads every record's row, and each pull of Accounts reads
 * those it pulled.
 */
public final class WrittenFields {

    private static final JsonFactory JSON = new JsonFactory();

    private WrittenFields() {
    }

    public static String toJson(Map<String, WrittenValue> fields) {
        StringWriter text = new StringWriter(64 * (fields.size() + 1));
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            for (Map.Entry<String, WrittenValue> field : fields.entrySet()) {
                WrittenValue written = field.getValue();
                json.writeObjectFieldStart(field.getKey());
                json.writeStringField("value", written.value());
                if (written.basis() == null) {
                    json.writeNullField("basis");
                } else {
                    json.writeNumberField("basis", written.basis());
                }
                json.writeStringField("at", written.writtenAt() == null ? null : written.writtenAt().toString());
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new StoreException("cannot serialise written fields", e);
        }
        return text.toString();
    }

    /** The record's fields; none for a null column. */
    public static Map<String, WrittenValue> fromJson(String text) {
        Map<String, WrittenValue> fields = new LinkedHashMap<>();
        if (text == null) {
            return fields;
        }
        try (JsonParser json = JSON.createParser(text)) {
            expect(json.nextToken(), JsonToken.START_OBJECT, text);
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                expect(json.nextToken(), JsonToken.START_OBJECT, text);
                String value = null;
                Double basis = null;
                Instant at = null;
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String key = json.currentName();
                    JsonToken token = json.nextToken();
                    if (token == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    switch (key) {
                        case "value" -> value = json.getText();
                        case "basis" -> basis = json.getDoubleValue();
                        case "at" -> at = Instant.parse(json.getText());
                        default -> json.skipChildren(); // written by a later version: kept out, not refused
                    }
                }
                fields.put(field, new WrittenValue(value, basis, at));
            }
        } catch (IOException | java.time.format.DateTimeParseException e) {
            throw new StoreException("cannot read stored written fields: " + truncated(text), e);
        }
        return fields;
    }

    private static void expect(JsonToken token, JsonToken expected, String text) throws IOException {
        if (token != expected) {
            throw new IOException("expected " + expected + " but found " + token + " in " + truncated(text));
        }
    }

    private static String truncated(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
