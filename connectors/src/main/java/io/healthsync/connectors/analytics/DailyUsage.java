package io.healthsync.connectors.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healthsync.connectors.source.Keyed;
import io.healthsync.connectors.source.SourcePage;
import io.healthsync.model.AccountKey;
import io.healthsync.model.QuarantinedRecord;
import io.healthsync.model.UsageDay;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds one export window's events, one at a time, into a {@link UsageDay} per account and UTC day:
 * distinct active users, distinct sessions, and events per tracked feature. Events are not kept: per
 * account and day only the distinct user and session ids and one counter per feature, so a window of
 * millions of events costs memory in proportion to its users, not its events.
 *
 * <p>Events that cannot count (no account, a day outside the window, a line that is not an event) are
 * tallied and quarantined as one summary row each per page, so nothing is dropped unreported.
 */
public final class DailyUsage {

    /** Both analytics sources have this one stream: anything else is a wiring mistake, said with the source. */
    public static void requireStream(String source, String stream) {
        if (!STREAM.equals(stream)) {
            throw new IllegalArgumentException(source + " has one stream, usage, not " + stream);
        }
    }

    /** A scalar field's value as text from a streaming parser, or null (skipping it) when it is an object or array. */
    public static String scalar(com.fasterxml.jackson.core.JsonParser parser) throws java.io.IOException {
        if (parser.currentToken().isScalarValue()) {
            return parser.getValueAsString();
        }
        parser.skipChildren();
        return null;
    }

    public static final String STREAM = "usage";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FIRST_LINE_KEPT = 500;
    private static final int[] NO_FEATURES = new int[0];

    private final String source;
    private final DayWindow window;
    private final String accountProperty;
    private final List<String> features;
    private final Map<String, int[]> featuresOfEvent = new HashMap<>();
    private final Map<AccountDay, DayTotals> days = new HashMap<>();
    private final EventTally withoutAccount = new EventTally(100);
    private final EventTally outsideWindow = new EventTally(100);
    private final EventTally unreadable = new EventTally(FIRST_LINE_KEPT);
    private long events;

    /**
     * @param features tracked feature -> the event names that count as using it (sources.yaml); an event
     *                 may count for several features
     */
    public DailyUsage(String source, DayWindow window, String accountProperty, Map<String, List<String>> features) {
        this.source = source;
        this.window = window;
        this.accountProperty = accountProperty;
        this.features = List.copyOf(features.keySet());
        Map<String, List<Integer>> indexes = new HashMap<>();
        for (int f = 0; f < this.features.size(); f++) {
            for (String event : features.get(this.features.get(f))) {
                List<Integer> of = indexes.computeIfAbsent(event, e -> new ArrayList<>());
                if (!of.contains(f)) {
                    of.add(f);
                }
            }
        }
        indexes.forEach((event, of) -> featuresOfEvent.put(event, of.stream().mapToInt(Integer::intValue).toArray()));
    }

    /**
     * Counts one event.
     *
     * @param accounts the accounts its account property names (none: tallied as without account)
     * @param day      its UTC day
     * @param user     the user it counts as active (null: none known)
     * @param session  its session, unique across users (null: not part of a session)
     */
    public void add(List<AccountKey> accounts, LocalDate day, String user, String session, String eventName) {
        events++;
        if (!window.contains(day)) {
            outsideWindow.add(day + " " + eventName);
            return;
        }
        if (accounts.isEmpty()) {
            withoutAccount.add(eventName);
            return;
        }
        int[] featureIndexes = eventName == null ? NO_FEATURES : featuresOfEvent.getOrDefault(eventName, NO_FEATURES);
        for (AccountKey account : accounts) {
            DayTotals totals = days.computeIfAbsent(new AccountDay(account, day), k -> new DayTotals(features.size()));
            if (user != null) {
                totals.users.add(user);
            }
            if (session != null) {
                totals.sessions.add(session);
            }
            for (int f : featureIndexes) {
                totals.featureEvents[f]++;
            }
        }
    }

    /** A line of the export that is not an event this source can read; the first few are kept, truncated. */
    public void unreadable(String line) {
        unreadable.add(line);
    }

    /** Events counted so far, with or without an account. */
    public long events() {
        return events;
    }

    /**
     * The window's page: a usage row per account and day that had events (in day, then account order), a
     * summary quarantine row per kind of event that could not count, and the number of source records read.
     * Cursor and next request are the source's to set.
     */
    public SourcePage page() {
        SourcePage page = new SourcePage();
        // each account's text made once a row: made in the comparator, twice a comparison, the sort was an eighth
        // of reading an export (some 60,000 rows a window at 30,000 accounts)
        List<SortedRow> rows = new ArrayList<>(days.size());
        days.forEach((key, totals) -> rows.add(new SortedRow(key.account().toString(), key, totals)));
        rows.sort(Comparator.comparing((SortedRow row) -> row.key().day()).thenComparing(SortedRow::account));
        rows.forEach(row -> page.usage().add(usageRow(row.key(), row.account(), row.totals())));
        if (withoutAccount.count() > 0) {
            page.quarantined().add(summary("no-" + accountProperty, withoutAccount.count() + " events without "
                    + accountProperty + " in " + window + ": they count for no account (examples: "
                    + String.join(", ", withoutAccount.examples()) + ")", withoutAccount, "example_events"));
        }
        if (outsideWindow.count() > 0) {
            page.quarantined().add(summary("outside-window", outsideWindow.count() + " events on UTC days outside "
                    + "the requested " + window + ": not counted (is the project's time zone UTC?)",
                    outsideWindow, "example_days_and_events"));
        }
        if (unreadable.count() > 0) {
            page.quarantined().add(summary("unreadable-lines", unreadable.count() + " lines of the export for "
                    + window + " are not readable events: skipped, the rest of the window was counted",
                    unreadable, "first_lines"));
        }
        long records = events + unreadable.count();
        page.countRecords((int) Math.min(Integer.MAX_VALUE, records));
        return page;
    }

    private Keyed<UsageDay> usageRow(AccountDay key, String account, DayTotals totals) {
        Map<String, Integer> featureEvents = new LinkedHashMap<>();
        for (int f = 0; f < features.size(); f++) {
            featureEvents.put(features.get(f), totals.featureEvents[f]);
        }
        UsageDay day = new UsageDay(source, null, key.day(), totals.users.size(), totals.sessions.size(), featureEvents);
        return new Keyed<>(account + "/" + key.day(), List.of(key.account()), day);
    }

    /**
     * One row per page and problem, named by the window (e.g. "2026-06-10..2026-06-16/no-account_id"), so
     * that re-reading the same window replaces its summary instead of adding another.
     */
    private QuarantinedRecord summary(String problem, String reason, EventTally tally, String examplesField) {
        ObjectNode payload = JSON.createObjectNode()
                .put("window", window.toString())
                .put("count", tally.count());
        tally.examples().forEach(payload.putArray(examplesField)::add);
        String id = window + "/" + problem;
        return new QuarantinedRecord(source, STREAM, id.length() <= 64 ? id : id.substring(0, 64), null, reason,
                payload.toString());
    }

    private record AccountDay(AccountKey account, LocalDate day) {
    }

    private record SortedRow(String account, AccountDay key, DayTotals totals) {
    }

    private static final class DayTotals {
        final DistinctIds users = new DistinctIds();
        final DistinctIds sessions = new DistinctIds();
        final int[] featureEvents;

        DayTotals(int features) {
            featureEvents = new int[features];
        }
    }
}
