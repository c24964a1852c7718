package io.healthsync.connectors.mixpanel;

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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Product usage from Mixpanel's raw Event Export API ({@code GET /api/2.0/export?project_id=..&from_date=
 * YYYY-MM-DD&to_date=YYYY-MM-DD}, HTTP Basic with a service account's username and secret): one stream,
 * {@code usage}, read in windows of whole UTC days (see {@link DayWindow}; seven days a request keeps a
 * backfill inside the export's 60 queries an hour) and folded into one {@link io.healthsync.model.UsageDay}
 * per account and day. Cursor: {@code {"last_day": "YYYY-MM-DD"}}.
 *
 * <p>from_date and to_date are days in the project's time zone, UTC for projects created since 2023. For a
 * project in another zone the window's first and last hours shift: events that fall on a UTC day outside
 * the window are not counted and are reported in one quarantine row per page.
 */
public final class MixpanelSource implements HttpSource {

    public static final String NAME = "mixpanel";
    static final String DEFAULT_BASE_URL = "https://data.mixpanel.com";

    private final String baseUrl;
    private final String projectId;
    private final int historyDays;
    private final Map<String, List<String>> features;
    private final AccountProperty account;
    private final String authorization;

    /**
     * @param config      its {@code options.project_id} is the project exported
     * @param credentials resolved {@code username} and {@code secret} of a Mixpanel service account
     * @throws IllegalArgumentException naming a missing project_id or credential
     */
    public MixpanelSource(SourcesConfig.HttpSourceConfig config, IdentityConfig identity,
                          Map<String, String> credentials) {
        String url = config.baseUrl() == null || config.baseUrl().isBlank() ? DEFAULT_BASE_URL : config.baseUrl().trim();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.projectId = config.options().get("project_id");
        if (projectId == null || projectId.isBlank()) {
            throw new IllegalArgumentException("mixpanel: options.project_id is missing in sources.yaml "
                    + "(the project's id, from Project Settings); a service account needs it");
        }
        this.historyDays = config.historyDays();
        this.features = config.features();
        this.account = new AccountProperty(identity);
        this.authorization = BasicAuth.header(NAME, credentials, "username", "secret");
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
        DayWindow window = DayWindow.first(UsageCursor.lastDay(NAME, cursor), now, historyDays);
        return window == null ? null : request(window);
    }

    @Override
    public SourcePage map(String stream, SourceRequest request, SourceReply reply, Instant now)
            throws MalformedPageException {
        DailyUsage.requireStream(NAME, stream);
        DayWindow window = windowOf(request);
        DailyUsage usage = reply.read(DailyUsage.class);
        if (usage == null) { // an answer read whole
            usage = new DailyUsage(NAME, window, account.name(), features);
            new MixpanelExport(usage, account).read(reply.body(), window.toString());
        }
        DayWindow next = window.next(now);
        return usage.page()
                .cursor(UsageCursor.of(window.to()))
                .next(next == null ? null : request(next));
    }

    /**
     * A window's export is counted as it arrives: a week of JSON lines (hundreds of megabytes for a large project,
     * gunzipped by the client) is never held whole, only the window's usage days.
     */
    @Override
    public AnswerReader answerReader(String stream, SourceRequest request) {
        DailyUsage.requireStream(NAME, stream);
        DayWindow window = windowOf(request);
        return answer -> {
            DailyUsage usage = new DailyUsage(NAME, window, account.name(), features);
            new MixpanelExport(usage, account).read(answer, window.toString());
            return usage;
        };
    }

    SourceRequest request(DayWindow window) {
        String url = baseUrl + "/api/2.0/export?project_id=" + URLEncoder.encode(projectId.trim(), StandardCharsets.UTF_8)
                + "&from_date=" + window.from() + "&to_date=" + window.to();
        return new SourceRequest(url, Map.of("Authorization", authorization));
    }

    /** The window a request asked for, from its from_date and to_date (this source's own URL). */
    private static DayWindow windowOf(SourceRequest request) {
        String from = request.parameter("from_date");
        String to = request.parameter("to_date");
        if (from == null || to == null) {
            throw new IllegalArgumentException("not a mixpanel export request: " + request.describe());
        }
        return new DayWindow(LocalDate.parse(from), LocalDate.parse(to));
    }


    @Override
    public String toString() {
        return "MixpanelSource[" + baseUrl + ", project " + projectId + "]";
    }
}
