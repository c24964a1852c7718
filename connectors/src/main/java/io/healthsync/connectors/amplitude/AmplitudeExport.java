package io.healthsync.connectors.amplitude;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.connectors.analytics.AccountProperty;
import io.healthsync.connectors.analytics.DailyUsage;
import io.healthsync.connectors.source.MalformedPageException;
import io.healthsync.model.AccountKey;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads an Amplitude Export API answer: a zip of hourly files ({@code <app>/<app>_2026-06-16_11#0.json.gz}),
 * each gzipped JSON lines, one event per line. Everything is streamed from the body (zip entry by entry,
 * gunzipped and read line by line, each line parsed field by field with only the few fields usage needs
 * kept), so a window of millions of events never exists as objects at once.
 *
 * <p>An event's day is the UTC day of its {@code server_upload_time}, the time the export's start and end
 * hours select on (Amplitude's documentation says so): each event then belongs to exactly one window and
 * re-reading a window rebuilds the same days. An event uploaded late (a mobile app offline for a while)
 * counts on the day it arrived. {@code event_time} is the fallback for a line without an upload time.
 */
final class AmplitudeExport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BUFFER = 64 * 1024;
    /** Amplitude's "no session": events sent without one carry session_id -1. */
    private static final long NO_SESSION = -1;

    private final DailyUsage usage;
    private final AccountProperty account;
    private String lastDateText;
    private LocalDate lastDate;

    AmplitudeExport(DailyUsage usage, AccountProperty account) {
        this.usage = usage;
        this.account = account;
    }

    void read(byte[] body, String window) throws MalformedPageException {
        if (!isZip(body)) {
            throw new MalformedPageException("amplitude export for " + window + " is not a zip archive: "
                    + excerpt(body));
        }
        String entryName = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(body))) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (entry.isDirectory()) {
                    continue;
                }
                entryName = entry.getName();
                InputStream content = new KeepOpen(zip);
                if (entryName.endsWith(".gz")) {
                    content = new GZIPInputStream(content, BUFFER);
                }
                readLines(content);
            }
        } catch (IOException damaged) {
            // a damaged archive cannot say what it lost: counting the rest would store days that look whole
            throw new MalformedPageException("amplitude export for " + window + " is a damaged archive"
                    + (entryName == null ? "" : " at " + entryName) + ": " + damaged.getMessage(), damaged);
        }
    }

    /**
     * Each line of the entry, as UTF-8 bytes straight to the parser: decoding every line to a String first, and
     * building a tree of each event's groups and properties to look one property up, took more of a first
     * pull's CPU than counting the events did.
     */
    private void readLines(InputStream content) throws IOException {
        byte[] buffer = new byte[BUFFER];
        int filled = 0;
        int read;
        while ((read = content.read(buffer, filled, buffer.length - filled)) >= 0) {
            filled += read;
            int start = 0;
            for (int i = 0; i < filled; i++) {
                if (buffer[i] == '\n') {
                    readLine(buffer, start, i - start);
                    start = i + 1;
                }
            }
            System.arraycopy(buffer, start, buffer, 0, filled - start); // the line not ended yet
            filled -= start;
            if (filled == buffer.length) {
                buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2); // a line longer than the buffer
            }
        }
        readLine(buffer, 0, filled);
    }

    private void readLine(byte[] bytes, int start, int length) {
        for (int i = start; i < start + length; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != '\r') {
                readEvent(bytes, start, length);
                return;
            }
        }
    }

    private void readEvent(byte[] bytes, int start, int length) {
        String eventType = null;
        String userId = null;
        String deviceId = null;
        String uploadTime = null;
        String eventTime = null;
        long sessionId = NO_SESSION;
        JsonNode groups = null;
        JsonNode userProperties = null;
        JsonNode eventProperties = null;
        try (JsonParser parser = JSON.createParser(bytes, start, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                usage.unreadable(new String(bytes, start, length, StandardCharsets.UTF_8));
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "event_type" -> eventType = DailyUsage.scalar(parser);
                    case "user_id" -> userId = DailyUsage.scalar(parser);
                    case "device_id" -> deviceId = DailyUsage.scalar(parser);
                    case "server_upload_time" -> uploadTime = DailyUsage.scalar(parser);
                    case "event_time" -> eventTime = DailyUsage.scalar(parser);
                    case "session_id" -> sessionId = parser.currentToken() == JsonToken.VALUE_NUMBER_INT
                            ? parser.getLongValue() : parseLong(DailyUsage.scalar(parser));
                    case "groups" -> groups = accountValue(parser);
                    case "user_properties" -> userProperties = accountValue(parser);
                    case "event_properties" -> eventProperties = accountValue(parser);
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException notJson) {
            usage.unreadable(new String(bytes, start, length, StandardCharsets.UTF_8));
            return;
        }
        LocalDate day = dayOf(uploadTime);
        if (day == null) {
            day = dayOf(eventTime);
        }
        if (day == null) {
            usage.unreadable(new String(bytes, start, length, StandardCharsets.UTF_8));
            return;
        }
        String user = present(userId) ? "u:" + userId : present(deviceId) ? "d:" + deviceId : null;
        // session ids are the session's start in epoch ms, per device: two devices can share one
        String sessionOwner = present(deviceId) ? deviceId : user;
        String session = sessionId > 0 && sessionOwner != null ? sessionOwner + "#" + sessionId : null;
        usage.add(accountsOf(groups, userProperties, eventProperties), day, user, session, eventType);
    }

    /** The account property looked up in the event's groups, then its user properties, then its event properties. */
    private List<AccountKey> accountsOf(JsonNode groups, JsonNode userProperties, JsonNode eventProperties) {
        for (JsonNode value : new JsonNode[] {groups, userProperties, eventProperties}) {
            List<AccountKey> keys = account.keysOf(value);
            if (!keys.isEmpty()) {
                return keys;
            }
        }
        return List.of();
    }

    /**
     * "2026-06-16 11:57:13.345000" (UTC) gives 2026-06-16. An hour's events share their date: the last one read is
     * kept with its text, as parsing each event's date was a twentieth of reading an export.
     */
    private LocalDate dayOf(String timestamp) {
        if (timestamp == null || timestamp.length() < 10) {
            return null;
        }
        if (lastDateText != null && timestamp.startsWith(lastDateText)) {
            return lastDate;
        }
        String text = timestamp.substring(0, 10);
        try {
            lastDate = LocalDate.parse(text);
            lastDateText = text;
            return lastDate;
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    /**
     * The account property's value in the object at the parser (the last, if it is there twice, as a tree would
     * keep), or null when it is not there or this is not an object; the rest of the object is skipped unread.
     */
    private JsonNode accountValue(JsonParser parser) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return null;
        }
        JsonNode value = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            boolean wanted = account.name().equals(parser.currentName());
            parser.nextToken();
            if (wanted) {
                value = parser.readValueAsTree();
            } else {
                parser.skipChildren();
            }
        }
        return value;
    }

    private static long parseLong(String text) {
        try {
            return text == null ? NO_SESSION : Long.parseLong(text.trim());
        } catch (NumberFormatException notANumber) {
            return NO_SESSION;
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** A zip starts with a local file header (PK 3 4), or is an empty archive (PK 5 6). */
    private static boolean isZip(byte[] body) {
        return body.length >= 4 && body[0] == 'P' && body[1] == 'K'
                && ((body[2] == 3 && body[3] == 4) || (body[2] == 5 && body[3] == 6));
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        return text.isBlank() ? "(empty body)" : text;
    }

    /** The zip's entry stream, which the gzip and reader wrapped around one entry must not close. */
    private static final class KeepOpen extends FilterInputStream {
        KeepOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the zip stream is closed once, after its last entry
        }
    }
}
