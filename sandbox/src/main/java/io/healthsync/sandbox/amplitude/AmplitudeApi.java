package io.healthsync.sandbox.amplitude;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthsync.sandbox.SandboxValues;
import io.healthsync.sandbox.company.HistoryWindow;
import io.healthsync.sandbox.company.SyntheticCompany;
import io.healthsync.sandbox.company.UsageEvent;
import io.healthsync.sandbox.company.UsageEventCache;
import io.healthsync.sandbox.http.ApiRequest;
import io.healthsync.sandbox.http.ApiResponse;
import io.healthsync.sandbox.http.BasicAuth;
import io.healthsync.sandbox.http.FastGzip;
import io.healthsync.sandbox.http.SourceApi;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A stand-in Amplitude project's Export API: {@code GET /api/2/export?start=YYYYMMDDTHH&end=YYYYMMDDTHH}
 * (hours inclusive, at most 365 days) answers a zip holding one gzipped JSON-lines file per hour with
 * events, {@code PROJECT/PROJECT_YYYY-MM-DD_H#0.json.gz}, or 404 "Raw data files were not found." when the
 * window has none. Basic auth with the project's API key and secret key.
 */
public final class AmplitudeApi implements SourceApi {

    public static final String API_KEY = "amp-demo-key-7d41c0e5";
    public static final String SECRET_KEY = "amp-demo-secret-93be61fa";
    public static final long PROJECT_ID = 463_921;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH");
    private static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'000'")
            .withZone(ZoneOffset.UTC);

    private final SyntheticCompany company;
    private final UsageEventCache events;

    public AmplitudeApi(SyntheticCompany company, UsageEventCache events) {
        this.company = company;
        this.events = events;
    }

    @Override
    public String name() {
        return "amplitude";
    }

    @Override
    public ApiResponse refuse(ApiRequest request) {
        if (BasicAuth.matches(request.header("Authorization"), API_KEY, SECRET_KEY)) {
            return null;
        }
        return ApiResponse.text(401, "text/plain; charset=utf-8", "Invalid API key or secret key");
    }

    @Override
    public ApiResponse handle(ApiRequest request) {
        if (!request.path().equals("/api/2/export") || !request.method().equals("GET")) {
            return ApiResponse.text(404, "text/plain; charset=utf-8", "Not found");
        }
        LocalDateTime start;
        LocalDateTime end;
        try {
            start = LocalDateTime.parse(request.param("start"), HOUR);
            end = LocalDateTime.parse(request.param("end"), HOUR);
        } catch (DateTimeParseException | NullPointerException e) {
            return ApiResponse.text(400, "text/plain; charset=utf-8",
                    "Invalid start or end: expected the form YYYYMMDDTHH, e.g. 20260616T05");
        }
        if (end.isBefore(start)) {
            return ApiResponse.text(400, "text/plain; charset=utf-8", "end must not be before start");
        }
        if (ChronoUnit.DAYS.between(start, end) >= 365) {
            return ApiResponse.text(400, "text/plain; charset=utf-8",
                    "The time range is too large: export at most 365 days at a time");
        }
        byte[] zip = export(start, end);
        if (zip == null) {
            ObjectNode body = JSON.objectNode();
            ObjectNode error = body.putObject("error");
            error.put("http_code", 404);
            error.put("type", "unspecified");
            error.put("message", "Unspecified Error");
            error.putObject("metadata").put("details", "Raw data files were not found.");
            return ApiResponse.json(404, body);
        }
        return ApiResponse.bytes(200, "application/zip", zip);
    }

    @Override
    public ApiResponse rateLimited(int retryAfterSeconds) {
        ApiResponse response = ApiResponse.text(429, "text/plain; charset=utf-8",
                "Too many concurrent export requests for this project");
        return retryAfterSeconds > 0 ? response.withHeader("Retry-After", String.valueOf(retryAfterSeconds)) : response;
    }

    @Override
    public ApiResponse unavailable() {
        return ApiResponse.text(503, "text/plain; charset=utf-8", "Service Unavailable");
    }

    /** The zip of the window's hourly files, or null when no hour has an event. */
    private byte[] export(LocalDateTime start, LocalDateTime end) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int files = 0;
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            // the hours' files are gzipped already: deflating them again cost the stand-in CPU and saved nothing
            zip.setLevel(Deflater.NO_COMPRESSION);
            HistoryWindow window = company.window();
            for (LocalDate day = start.toLocalDate(); !day.isAfter(end.toLocalDate()); day = day.plusDays(1)) {
                List<UsageEvent> dayEvents = events.ofDay(window.index(day));
                List<List<UsageEvent>> byHour = new ArrayList<>();
                for (int h = 0; h < 24; h++) {
                    byHour.add(new ArrayList<>());
                }
                for (UsageEvent event : dayEvents) {
                    byHour.get(event.time().atZone(ZoneOffset.UTC).getHour()).add(event);
                }
                for (int h = 0; h < 24; h++) {
                    LocalDateTime hour = day.atTime(h, 0);
                    if (hour.isBefore(start) || hour.isAfter(end) || byHour.get(h).isEmpty()) {
                        continue;
                    }
                    ZipEntry entry = new ZipEntry(PROJECT_ID + "/" + PROJECT_ID + "_" + day + "_" + h + "#0.json.gz");
                    // the hour's own time, not the clock's: the same window is the same bytes every time
                    entry.setTime(hour.plusHours(1).toInstant(ZoneOffset.UTC).toEpochMilli());
                    zip.putNextEntry(entry);
                    zip.write(gzipLines(byHour.get(h)));
                    zip.closeEntry();
                    files++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files == 0 ? null : bytes.toByteArray();
    }

    private byte[] gzipLines(List<UsageEvent> hour) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // buffered, so the deflater sees 64 KB at a time rather than each line's few hundred bytes; its fastest
        // level, as the stand-in shares the bench's cores with the app (the default level took most of its CPU)
        try (java.io.OutputStream gzip = new java.io.BufferedOutputStream(new FastGzip(bytes), 65_536);
             JsonGenerator json = ApiResponse.JSON.getFactory().createGenerator(gzip)) {
            json.setRootValueSeparator(null);
            for (UsageEvent event : hour) {
                write(json, event);
                json.writeRaw('\n');
            }
        }
        return bytes.toByteArray();
    }

    /**
     * The export's time text ("2026-11-30 14:05:09.123000", UTC) as EVENT_TIME formats it, written by hand: two a
     * line, a formatter's field lookups were a tenth of the stand-in's work per event.
     */
    static String eventTime(long epochMilli) {
        return SandboxValues.formatDateTime(Instant.ofEpochMilli(epochMilli), ' ', "000", EVENT_TIME);
    }

    /** One export line, written field by field (a tree per event cost the stand-in more than the gzip did). */
    private static void write(JsonGenerator json, UsageEvent event) throws IOException {
        String time = eventTime(event.time().toEpochMilli());
        String uploaded = eventTime(event.time().toEpochMilli() + 850);
        json.writeStartObject();
        json.writeStringField("$insert_id", event.insertId());
        json.writeNumberField("amplitude_id", Math.abs((long) event.userId().hashCode()) + 1_000_000_000_000L);
        json.writeNumberField("app", PROJECT_ID);
        json.writeStringField("client_event_time", time);
        json.writeStringField("client_upload_time", uploaded);
        json.writeStringField("data_type", "event");
        json.writeStringField("device_id", event.deviceId());
        json.writeStringField("event_time", time);
        json.writeStringField("event_type", event.eventType());
        json.writeObjectFieldStart("event_properties");
        json.writeStringField("feature", event.feature());
        json.writeEndObject();
        json.writeObjectFieldStart("groups");
        if (event.accountId() != null) {
            json.writeArrayFieldStart("account_id");
            json.writeString(event.accountId());
            json.writeEndArray();
        }
        json.writeEndObject();
        json.writeObjectFieldStart("group_properties");
        json.writeEndObject();
        json.writeStringField("library", "amplitude-ts/2.11.0");
        json.writeStringField("platform", "Web");
        json.writeStringField("processed_time", uploaded);
        json.writeStringField("server_received_time", uploaded);
        json.writeStringField("server_upload_time", uploaded);
        json.writeNumberField("session_id", event.sessionId());
        json.writeStringField("user_id", event.userId());
        json.writeObjectFieldStart("user_properties");
        if (event.accountId() != null) {
            json.writeStringField("account_id", event.accountId());
        }
        json.writeStringField("plan", event.plan());
        json.writeEndObject();
        json.writeStringField("uuid", event.insertId());
        json.writeEndObject();
    }
}
