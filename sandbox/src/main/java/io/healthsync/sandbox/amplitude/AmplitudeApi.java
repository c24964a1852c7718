package io.healthsync.sandbox.amplitude;

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
        try (java.io.OutputStream gzip = new java.io.BufferedOutputStream(new FastGzip(bytes), 65_536)) {
            ExportLine line = new ExportLine();
            for (UsageEvent event : hour) {
                write(line, event);
                gzip.write(line.bytes(), 0, line.length());
                gzip.write('\n');
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

    private static final byte[] INSERT_ID = ExportLine.name("$insert_id");
    private static final byte[] AMPLITUDE_ID = ExportLine.name("amplitude_id");
    private static final byte[] APP = ExportLine.name("app");
    private static final byte[] CLIENT_EVENT_TIME = ExportLine.name("client_event_time");
    private static final byte[] CLIENT_UPLOAD_TIME = ExportLine.name("client_upload_time");
    private static final byte[] DATA_TYPE = ExportLine.name("data_type");
    private static final byte[] DEVICE_ID = ExportLine.name("device_id");
    private static final byte[] EVENT_TIME_FIELD = ExportLine.name("event_time");
    private static final byte[] EVENT_TYPE = ExportLine.name("event_type");
    private static final byte[] EVENT_PROPERTIES = ExportLine.name("event_properties");
    private static final byte[] FEATURE = ExportLine.name("feature");
    private static final byte[] GROUPS = ExportLine.name("groups");
    private static final byte[] ACCOUNT_ID = ExportLine.name("account_id");
    private static final byte[] GROUP_PROPERTIES = ExportLine.name("group_properties");
    private static final byte[] LIBRARY = ExportLine.name("library");
    private static final byte[] PLATFORM = ExportLine.name("platform");
    private static final byte[] PROCESSED_TIME = ExportLine.name("processed_time");
    private static final byte[] SERVER_RECEIVED_TIME = ExportLine.name("server_received_time");
    private static final byte[] SERVER_UPLOAD_TIME = ExportLine.name("server_upload_time");
    private static final byte[] SESSION_ID = ExportLine.name("session_id");
    private static final byte[] USER_ID = ExportLine.name("user_id");
    private static final byte[] USER_PROPERTIES = ExportLine.name("user_properties");
    private static final byte[] PLAN = ExportLine.name("plan");
    private static final byte[] UUID = ExportLine.name("uuid");

    /** One export line, field by field, in the order Amplitude's own export has them. */
    static void write(ExportLine line, UsageEvent event) {
        String time = eventTime(event.time().toEpochMilli());
        String uploaded = eventTime(event.time().toEpochMilli() + 850);
        line.start()
                .string(INSERT_ID, event.insertId())
                .number(AMPLITUDE_ID, Math.abs((long) event.userId().hashCode()) + 1_000_000_000_000L)
                .number(APP, PROJECT_ID)
                .string(CLIENT_EVENT_TIME, time)
                .string(CLIENT_UPLOAD_TIME, uploaded)
                .string(DATA_TYPE, "event")
                .string(DEVICE_ID, event.deviceId())
                .string(EVENT_TIME_FIELD, time)
                .string(EVENT_TYPE, event.eventType())
                .object(EVENT_PROPERTIES).string(FEATURE, event.feature()).close()
                .object(GROUPS);
        if (event.accountId() != null) {
            line.stringArray(ACCOUNT_ID, event.accountId());
        }
        line.close()
                .object(GROUP_PROPERTIES).close()
                .string(LIBRARY, "amplitude-ts/2.11.0")
                .string(PLATFORM, "Web")
                .string(PROCESSED_TIME, uploaded)
                .string(SERVER_RECEIVED_TIME, uploaded)
                .string(SERVER_UPLOAD_TIME, uploaded)
                .number(SESSION_ID, event.sessionId())
                .string(USER_ID, event.userId())
                .object(USER_PROPERTIES);
        if (event.accountId() != null) {
            line.string(ACCOUNT_ID, event.accountId());
        }
        line.string(PLAN, event.plan()).close()
                .string(UUID, event.insertId())
                .close();
    }
}
