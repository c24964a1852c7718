package io.healthsync.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The part of an sObject describe healthsync needs: which fields exist, their type, and whether we may write them. */
public record SObjectDescribe(String name, Map<String, Field> fields) {

    public record Field(String name, String type, boolean updateable, int length) {
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Parses the describe JSON as Salesforce sends it. */
    public static SObjectDescribe parse(String json) {
        try {
            return parse(JSON.readTree(json));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("the sObject describe is not valid JSON: " + e.getMessage(), e);
        }
    }

    public static SObjectDescribe parse(JsonNode describe) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (JsonNode f : describe.path("fields")) {
            String name = f.path("name").asText();
            fields.put(name.toLowerCase(), new Field(name, f.path("type").asText(),
                    f.path("updateable").asBoolean(false), f.path("length").asInt(0)));
        }
        return new SObjectDescribe(describe.path("name").asText(), fields);
    }

    /** Field names are case-insensitive in Salesforce. */
    public Optional<Field> field(String name) {
        return Optional.ofNullable(fields.get(name.toLowerCase()));
    }
}
