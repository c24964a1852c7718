package io.healthsync.connectors.mixpanel;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.connectors.analytics.AccountProperty;
import io.healthsync.connectors.analytics.DailyUsage;
import io.healthsync.connectors.source.MalformedPageException;
import io.healthsync.model.AccountKey;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads a Mixpanel raw export answer: JSON lines, {@code {"event": "...", "properties": {"time": <epoch
 * seconds>, "distinct_id": "...", "$insert_id": "...", ...}}}, streamed line by line with only the fields
 * usage needs kept. Blank lines are skipped; a line that is not an event (Mixpanel's export can break a
 * line in two) is tallied and the rest of the window still counts; a body that is Mixpanel's error object
 * ({@code {"error": "..."}}, sometimes with status 200) is a malformed page.
 *
 * <p>The account of an event: {@code properties[<analytics_property>]}, else
 * {@code properties["$groups"][<analytics_property>]} (group analytics); a list names several accounts.
 * Active users: distinct {@code distinct_id} (else {@code $user_id}, {@code $device_id}). Sessions: the
 * raw export has no session id; {@code $session_id} is used when the project sends one, otherwise each
 * user's distinct clock hours with events are counted as sessions, an approximation that tracks activity
 * rather than Mixpanel's own 30-minute-timeout sessions.
 */
final class MixpanelExport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BUFFER = 64 * 1024;
    /** Epoch values above this are milliseconds, not seconds (year 5138 in seconds). */
    private static final double MILLIS_THRESHOLD = 1e11;

    private final DailyUsage usage;
    private final AccountProperty account;

    MixpanelExport(DailyUsage usage, AccountProperty account) {
        this.usage = usage;
        this.account = account;
    }

    void read(byte[] body, String window) throws MalformedPageException {
        try {
            read(new ByteArrayInputStream(body), window);
        } catch (IOException damaged) {
            throw new MalformedPageException("mixpanel export for " + window + " cannot be read: "
                    + damaged.getMessage(), damaged);
        }
    }

    /**
     * The export as it arrives. An IOException is the answer's stream failing (a connection cut midway, which the
     * call retries), or a compressed answer damaged.
     */
    void read(InputStream body, String window) throws IOException, MalformedPageException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(open(body), StandardCharsets.UTF_8),
                BUFFER)) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    readEvent(line, window);
                }
            }
        }
    }

    /** The body as sent, or gunzipped when it arrives still compressed (Accept-Encoding: gzip). */
    private static InputStream open(InputStream body) throws IOException {
        java.io.BufferedInputStream raw = new java.io.BufferedInputStream(body, BUFFER);
        raw.mark(2);
        int first = raw.read();
        int second = raw.read();
        raw.reset();
        boolean gzip = first == 0x1f && second == 0x8b;
        return gzip ? new GZIPInputStream(raw, BUFFER) : raw;
    }

    private void readEvent(String line, String window) throws MalformedPageException {
        Event event = new Event();
        String error = null;
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                usage.unreadable(line);
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "event" -> event.name = DailyUsage.scalar(parser);
                    case "properties" -> readProperties(parser, event);
                    case "error" -> error = parser.currentToken().isScalarValue() ? parser.getValueAsString()
                            : parser.readValueAsTree().toString();
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException notJson) {
            usage.unreadable(line);
            return;
        }
        if (error != null && event.name == null) {
            throw new MalformedPageException("mixpanel export for " + window + " answered an error: "
                    + (error.length() <= 300 ? error : error.substring(0, 300) + "..."));
        }
        if (event.name == null || event.epochSeconds == null) {
            usage.unreadable(line);
            return;
        }
        long seconds = event.epochSeconds;
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
        String user = firstPresent(event.distinctId, event.userId, event.deviceId);
        String session = user == null ? null
                : present(event.sessionId) ? user + "#" + event.sessionId
                : user + "@" + Math.floorDiv(seconds, 3600);
        usage.add(event.accounts(account), day, user, session, event.name);
    }

    private void readProperties(JsonParser parser, Event event) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return;
        }
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals(account.name())) {
                event.accountValue = parser.readValueAsTree();
                continue;
            }
            switch (field) {
                case "time" -> event.epochSeconds = epochSeconds(parser);
                case "distinct_id" -> event.distinctId = DailyUsage.scalar(parser);
                case "$user_id" -> event.userId = DailyUsage.scalar(parser);
                case "$device_id" -> event.deviceId = DailyUsage.scalar(parser);
                case "$session_id" -> event.sessionId = DailyUsage.scalar(parser);
                case "$groups" -> event.groups = parser.readValueAsTree();
                default -> parser.skipChildren();
            }
        }
    }

    private static Long epochSeconds(JsonParser parser) throws IOException {
        double value;
        if (parser.currentToken().isNumeric()) {
            value = parser.getDoubleValue();
        } else {
            String text = DailyUsage.scalar(parser);
            try {
                value = text == null ? Double.NaN : Double.parseDouble(text.trim());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        if (Double.isNaN(value)) {
            return null;
        }
        return (long) Math.floor(value > MILLIS_THRESHOLD ? value / 1000 : value);
    }


    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String firstPresent(String... values) {
        for (String value : values) {
            if (present(value)) {
                return value;
            }
        }
        return null;
    }

    /** The few fields of one event that usage needs. */
    private static final class Event {
        String name;
        Long epochSeconds;
        String distinctId;
        String userId;
        String deviceId;
        String sessionId;
        JsonNode accountValue;
        JsonNode groups;

        List<AccountKey> accounts(AccountProperty account) {
            List<AccountKey> keys = account.keysOf(accountValue);
            if (keys.isEmpty() && groups != null && groups.isObject()) {
                keys = account.keysOf(groups.get(account.name()));
            }
            return keys;
        }
    }
}
