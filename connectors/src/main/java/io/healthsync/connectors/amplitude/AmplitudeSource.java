package io.healthsync.connectors.amplitude;

import io.healthsync.connectors.analytics.AccountProperty;
import io.healthsync.connectors.analytics.BasicAuth;
import io.healthsync.connectors.analytics.DailyUsage;
import io.healthsync.connectors.analytics.DayWindow;
import io.healthsync.connectors.analytics.UsageCursor;
import io.healthsync.connectors.source.HttpSource;
import io.healthsync.connectors.source.MalformedPageException;
import io.healthsync.connectors.source.SourcePage;
import io.healthsync.connectors.source.SourceReply;
import io.healthsync.connectors.source.SourceRequest;
import io.healthsync.mappings.IdentityConfig;
import io.healthsync.mappings.SourcesConfig;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Product usage from Amplitude's Export API ({@code GET /api/2/export?start=YYYYMMDDT00&end=YYYYMMDDT23},
 * HTTP Basic with the project's API key and secret key): one stream, {@code usage}, read in windows of
 * whole UTC days (see {@link DayWindow}) and folded into one {@link io.healthsync.model.UsageDay} per
 * account and day. Cursor: {@code {"last_day": "YYYY-MM-DD"}}.
 *
 * <p>Answers that are not errors here: 404 "Raw data files were not found." is a window without data (an
 * empty page, the cursor moves on); 400 for an answer over Amplitude's 4 GB limit splits the window in
 * halves (a page without records that keeps the cursor and asks for the first half), down to one day,
 * which is then reported as a malformed page: a day that big needs Amplitude's S3 export instead.
 * 504s and 429s are left to the pull loop's retries (Retry-After is honoured).
 */
public final class AmplitudeSource implements HttpSource {

    public static final String NAME = "amplitude";
    static final String DEFAULT_BASE_URL = "https://amplitude.com";
    private static final String NO_DATA = "raw data files were not found";

    private final String baseUrl;
    private final int historyDays;
    private final Map<String, List<String>> features;
    private final AccountProperty account;
    private final String authorization;

    /**
     * @param credentials resolved {@code api_key} and {@code secret_key} of the Amplitude project
     * @throws IllegalArgumentException naming any missing credential
     */
    public AmplitudeSource(SourcesConfig.HttpSourceConfig config, IdentityConfig identity,
                           Map<String, String> credentials) {
        String url = config.baseUrl() == null || config.baseUrl().isBlank() ? DEFAULT_BASE_URL : config.baseUrl().trim();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.historyDays = config.historyDays();
        this.features = config.features();
        this.account = new AccountProperty(identity);
        this.authorization = BasicAuth.header(NAME, credentials, "api_key", "secret_key");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> streams() {
        return List.of(DailyUsage.STREAM);
    }

    @Override
    public SourceRequest firstRequest(String stream, String cursor, Instant now) {
        DailyUsage.requireStream(NAME, stream);
        LocalDate lastStored = UsageCursor.lastDay(NAME, cursor);
        DayWindow window = DayWindow.first(lastStored, now, historyDays);
        if (window == null) {
            return null;
        }
        // a backfill starts with one day, then sizes its windows by the bytes a day came as (see daysFor)
        return request(lastStored == null ? window.firstDays(1) : window);
    }

    /**
     * Bytes of export a window is sized for. An export is read whole into the heap (its zip, then each account's
     * day of distinct users and sessions), so a week of a large company's events did not fit beside the other
     * sources pulled at the same time: at 100,000 accounts a week was 1.05 million events, and at -Xmx1g the pull
     * failed with the heap full. Windows of about this many bytes (some 250,000 of the sandbox's events, 128 bytes
     * each zipped; Amplitude's own carry more properties, so fewer fit) keep a window's share of the heap bounded
     * whatever the company's size; a small company still reads a week a request. Sized by bytes, not events, the
     * next window is known before this one is read, so it is fetched meanwhile (see {@link #nextBeforeMapping}):
     * two windows' zips are in the heap at once, the one read and the one arriving.
     */
    static final long BYTES_PER_WINDOW = 32L * 1024 * 1024;

    /**
     * The days the next window covers, given that this one's {@code days} days came as {@code bytes} bytes: as many
     * as fill {@link #BYTES_PER_WINDOW} at this window's rate, but at most twice as many as this one, since a
     * quiet day (a weekend's, at a fifth of a weekday's events in the sandbox) says little of the days after it.
     */
    static int daysFor(long bytes, int days) {
        long perDay = Math.max(1, bytes / Math.max(1, days));
        long fit = Math.max(1, BYTES_PER_WINDOW / perDay);
        return (int) Math.min(Math.min(DayWindow.MAX_DAYS, 2L * Math.max(1, days)), fit);
    }

    @Override
    public boolean isAnswer(SourceReply reply) {
        return reply.ok() || isNoData(reply) || isTooLarge(reply);
    }

    @Override
    public SourcePage map(String stream, SourceRequest request, SourceReply reply, Instant now)
            throws MalformedPageException {
        DailyUsage.requireStream(NAME, stream);
        DayWindow window = windowOf(request);
        if (isTooLarge(reply)) {
            return splitOrGiveUp(window);
        }
        DailyUsage usage = new DailyUsage(NAME, window, account.name(), features);
        if (!isNoData(reply)) {
            new AmplitudeExport(usage, account).read(reply.body(), window.toString());
        }
        DayWindow next = nextWindow(window, reply, now);
        return usage.page()
                .cursor(UsageCursor.of(window.to()))
                .next(next == null ? null : request(next));
    }

    /** The window after this one, sized by its reply's bytes: known before the reply is read (see daysFor). */
    @Override
    public SourceRequest nextBeforeMapping(String stream, SourceRequest request, SourceReply reply, Instant now) {
        if (isTooLarge(reply)) {
            return null; // map asks for the window's first half instead
        }
        DayWindow next = nextWindow(windowOf(request), reply, now);
        return next == null ? null : request(next);
    }

    private static DayWindow nextWindow(DayWindow window, SourceReply reply, Instant now) {
        return window.next(now, daysFor(reply.body().length, window.days()));
    }

    private SourcePage splitOrGiveUp(DayWindow window) throws MalformedPageException {
        if (window.days() == 1) {
            throw new MalformedPageException("amplitude export of " + window + " is over Amplitude's 4 GB limit "
                    + "even for one day: export this project through Amplitude's S3 export instead");
        }
        // nothing stored, the cursor stays; the rest of the window follows the first half as usual
        return new SourcePage().next(request(window.firstHalf()));
    }

    SourceRequest request(DayWindow window) {
        String url = baseUrl + "/api/2/export?start=" + hour(window.from()) + "T00&end=" + hour(window.to()) + "T23";
        return new SourceRequest(url, Map.of("Authorization", authorization));
    }

    private static String hour(LocalDate day) {
        return day.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    /** The window a request asked for, from its start and end hours (this source's own URL). */
    private static DayWindow windowOf(SourceRequest request) {
        String start = request.parameter("start");
        String end = request.parameter("end");
        if (start == null || end == null || start.length() < 8 || end.length() < 8) {
            throw new IllegalArgumentException("not an amplitude export request: " + request.describe());
        }
        return new DayWindow(LocalDate.parse(start.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE),
                LocalDate.parse(end.substring(0, 8), DateTimeFormatter.BASIC_ISO_DATE));
    }

    /** Amplitude's answer for a range with no events: 404 whose error details say "Raw data files were not found." */
    private static boolean isNoData(SourceReply reply) {
        return reply.status() == 404 && reply.text().toLowerCase(Locale.ROOT).contains(NO_DATA);
    }

    /**
     * Amplitude documents a 400 for an answer over 4 GB, but not its body: a 400 counts as "too large" only
     * when its body speaks of size, so a 400 for anything else (a bad parameter) still fails as an error.
     */
    private static boolean isTooLarge(SourceReply reply) {
        if (reply.status() != 400) {
            return false;
        }
        String text = reply.text().toLowerCase(Locale.ROOT);
        return text.contains("4gb") || text.contains("4 gb") || text.contains("too large") || text.contains("too big")
                || text.contains("size limit");
    }


    @Override
    public String toString() {
        return "AmplitudeSource[" + baseUrl + "]";
    }
}
