package io.healthsync.connectors.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;

/** The usage stream's cursor: {@code {"last_day": "YYYY-MM-DD"}}, the last complete day stored. */
public final class UsageCursor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UsageCursor() {
    }

    /** The last day stored, or null for a stream never pulled. */
    public static LocalDate lastDay(String source, String cursorJson) {
        if (cursorJson == null || cursorJson.isBlank()) {
            return null;
        }
        try {
            JsonNode day = JSON.readTree(cursorJson).path("last_day");
            return LocalDate.parse(day.asText());
        } catch (Exception unreadable) {
            throw new IllegalArgumentException(source + " usage cursor '" + cursorJson
                    + "' cannot be read: expected {\"last_day\": \"YYYY-MM-DD\"}", unreadable);
        }
    }

    public static String of(LocalDate lastDay) {
        return JSON.createObjectNode().put("last_day", lastDay.toString()).toString();
    }
}
