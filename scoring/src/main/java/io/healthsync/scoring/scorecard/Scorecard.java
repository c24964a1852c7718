package io.healthsync.scoring.scorecard;

import io.healthsync.mappings.ScorecardConfig;
import io.healthsync.model.Driver;
import io.healthsync.model.HealthScore;
import io.healthsync.model.Signal;
import io.healthsync.model.SignalValues;
import io.healthsync.scoring.features.AccountSignals;
import io.healthsync.scoring.features.SignalTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The transparent rules scorecard: each weighted signal becomes a 0-100 percentile within the
 * account's cohort (healthy end high), and the score is their weighted mean. Every point of a score
 * can be traced to a signal, which is what the drivers tell the CSM. After the drivers come notes (points 0,
 * {@link #STALE_NOTE}, {@link #MISSING_NOTE}): which data is stale, and what the account was scored without.
 */
public final class Scorecard {

    public static final String MODEL_VERSION = "scorecard-v1";
    /** Shown for a signal the account has no data for: the cohort middle, with weight 0 it moves nothing. */
    static final double NOT_RANKED = 50.0;
    private static final String DRIVER_SEPARATOR = "; ";
    /** The {@link Driver#signal()} of a note that a source's data is stale. */
    public static final String STALE_NOTE = "stale_data";
    /** The {@link Driver#signal()} of the note naming what an account was scored without. */
    public static final String MISSING_NOTE = "missing_data";
    /** Note key: signals no account of the company has (a source not connected), left out for everyone. */
    public static final String LEFT_OUT_NOTE = "left_out";
    /** A touch trend of one touch or less is a driver only from this many points on (see isSmallTrend). */
    static final long NOTABLE_TREND_POINTS = 3;
    private static final Comparator<Pull> STRONGEST_FIRST =
            Comparator.comparingDouble((Pull pull) -> Math.abs(pull.points())).reversed();

    private final ScorecardConfig config;
    private final Set<Signal> weightedSignals = EnumSet.noneOf(Signal.class);

    public Scorecard(ScorecardConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        // resolving every weight set here makes a bad scorecard.yaml fail before any account is scored
        weightedSignals.addAll(SignalWeights.resolve(config.weights(), "weights").keySet());
        config.segmentWeights().forEach((segment, weights) ->
                weightedSignals.addAll(SignalWeights.resolve(weights, "weights of segment " + segment).keySet()));
    }

    /**
     * The scores of one run, and the weighted signals that no account had data for (the company has no
     * billing source, say): those are left out of every score, and each score's weights shared by the
     * signals left, so a company without a source scores on the others exactly as if they were all it weighted.
     */
    public record Run(List<HealthScore> scores, Set<Signal> leftOut, CohortReference reference) {

        public Run {
            scores = List.copyOf(scores);
            leftOut = leftOut.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(leftOut));
        }

        /** For the run's report: "not scored, no account has data: ..." with the keys, or null when none was left out. */
        public String leftOutNote() {
            if (leftOut.isEmpty()) {
                return null;
            }
            StringBuilder keys = new StringBuilder();
            for (Signal signal : leftOut) {
                keys.append(keys.length() == 0 ? "" : ", ").append(signal.key());
            }
            return "not scored, no account has data: " + keys + " (their weight went to the other signals)";
        }
    }

    /** One score per account, in input order. */
    public List<HealthScore> score(LocalDate asOf, List<AccountSignals> accounts) {
        return run(asOf, accounts).scores();
    }

    /** One score per account, in input order, and what the whole run was scored without. */
    public Run run(LocalDate asOf, List<AccountSignals> accounts) {
        return run(asOf, accounts, null);
    }

    /**
     * The same, ranked against {@code pinned} (the day's cohorts as an earlier run found them) when it fits today's
     * accounts ({@link CohortReference#fits}); else against today's cohorts. The run's reference is the one it ranked
     * against: {@code pinned} itself, or today's cohorts, for the day's later runs to keep.
     */
    public Run run(LocalDate asOf, List<AccountSignals> accounts, CohortReference pinned) {
        SignalTable table = SignalTable.of(asOf, accounts);
        Set<Signal> withData = signalsWithData(table);
        Set<Signal> leftOut = EnumSet.noneOf(Signal.class);
        leftOut.addAll(weightedSignals);
        leftOut.removeAll(withData);
        CohortReference todays = CohortReference.of(table, config.minCohortSize(), withData);
        CohortReference reference = pinned != null && pinned.fits(todays, withData) ? pinned : todays;
        Cohorts cohorts = reference.cohorts();
        Map<String, WeightColumns> weightsBySegment = new HashMap<>();
        List<HealthScore> scores = new ArrayList<>(accounts.size());
        // the same for every account of the run: worded once
        Driver leftOutNote = leftOut.isEmpty() ? null
                : new Driver(LEFT_OUT_NOTE, 0.0, DriverText.leftOut(labels(List.copyOf(leftOut), weightedSignals)));
        for (int r = 0; r < accounts.size(); r++) {
            AccountSignals account = accounts.get(r);
            WeightColumns weights = weightsFor(account.segment(), withData, weightsBySegment);
            scores.add(scoreOne(asOf, account, table, r, weights, cohorts.of(account.segment()), leftOutNote));
        }
        return new Run(scores, leftOut, reference);
    }

    /**
     * The scores alone, as {@link #run} computes them (same cohorts, weights and arithmetic), without the signal
     * list, drivers and notes a score carries for the CSM: for the score history of past days, where only the
     * number and band are kept.
     */
    public List<HealthScore> scoresOnly(LocalDate asOf, List<AccountSignals> accounts) {
        return scoresOnly(SignalTable.of(asOf, accounts));
    }

    /**
     * The scores alone of a past day's signal table, in its row order (the score history of a first run is 11 days
     * of every account: 1.1 million scores at 100,000, read from the table without a record a row).
     */
    public List<HealthScore> scoresOnly(SignalTable day) {
        Set<Signal> withData = signalsWithData(day);
        Cohorts cohorts = Cohorts.of(day, config.minCohortSize(), withData);
        Map<String, WeightColumns> weightsBySegment = new HashMap<>();
        List<HealthScore> scores = new ArrayList<>(day.size());
        for (int r = 0; r < day.size(); r++) {
            String segment = day.segment(r);
            double score = weightsFor(segment, withData, weightsBySegment).score(day, r, cohorts.of(segment), null, null);
            scores.add(new HealthScore(day.accountId(r), day.day(), score, config.band((int) Math.round(score)),
                    List.of(), List.of(), null, null, MODEL_VERSION));
        }
        return scores;
    }

    /** The weighted signals at least one account has a value for. */
    private Set<Signal> signalsWithData(SignalTable table) {
        Set<Signal> withData = EnumSet.noneOf(Signal.class);
        for (Signal signal : weightedSignals) {
            for (int r = 0; r < table.size(); r++) {
                if (!Double.isNaN(table.value(r, signal))) {
                    withData.add(signal);
                    break;
                }
            }
        }
        return withData;
    }

    /** The segment's weights (scorecard.yaml), of the signals some account has data for; resolved once a segment. */
    private WeightColumns weightsFor(String segment, Set<Signal> withData, Map<String, WeightColumns> bySegment) {
        return bySegment.computeIfAbsent(segment, s -> {
            Map<Signal, Double> kept = new EnumMap<>(Signal.class);
            SignalWeights.resolve(config.weightsFor(s), "weights").forEach((signal, weight) -> {
                if (withData.contains(signal)) {
                    kept.put(signal, weight);
                }
            });
            return new WeightColumns(kept);
        });
    }

    private HealthScore scoreOne(LocalDate asOf, AccountSignals account, SignalTable table, int row,
                                 WeightColumns weights, CohortRanks cohort, Driver leftOutNote) {
        SignalValues.Builder signals = new SignalValues.Builder(weights.names);
        List<Pull> pulls = new ArrayList<>(weights.signals.length);
        double score = weights.score(table, row, cohort, signals, pulls);
        List<Signal> missing = new ArrayList<>();
        for (Signal signal : weights.signals) {
            if (account.value(signal) == null) {
                missing.add(signal);
            }
        }

        List<Driver> drivers = drivers(account, pulls, config.topDrivers());
        drivers.addAll(notes(account, missing, weights.weighted));
        if (leftOutNote != null) {
            drivers.add(leftOutNote);
        }
        return new HealthScore(account.accountId(), asOf, score, config.band((int) Math.round(score)),
                signals.build(), drivers, null, null, MODEL_VERSION);
    }

    /** One weight set as arrays in signal order: the order a score adds its signals in. */
    private static final class WeightColumns {

        private final Signal[] signals;
        /** The signals' keys, shared by the scores of every account these weights score (see SignalValues). */
        private final String[] names;
        private final double[] weights;
        private final Set<Signal> weighted;

        WeightColumns(Map<Signal, Double> weights) {
            this.signals = weights.keySet().toArray(new Signal[0]);
            this.names = Arrays.stream(signals).map(Signal::key).toArray(String[]::new);
            this.weights = new double[signals.length];
            for (int i = 0; i < signals.length; i++) {
                this.weights[i] = weights.get(signals[i]);
            }
            this.weighted = weights.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(weights.keySet()));
        }

        /**
         * The weighted mean of one row's cohort percentiles, 0-100. A signal without data is left out and its weight
         * shared by the others in proportion; no data at all: the typical account. When given, {@code values}
         * receives each weighted signal's value and percentile and {@code pulls} each ranked signal's points.
         */
        double score(SignalTable table, int row, CohortRanks cohort, SignalValues.Builder values, List<Pull> pulls) {
            double weightWithData = 0;
            for (int i = 0; i < signals.length; i++) {
                if (!Double.isNaN(table.value(row, signals[i]))) {
                    weightWithData += weights[i];
                }
            }
            double score = weightWithData > 0 ? 0 : NOT_RANKED;
            for (int i = 0; i < signals.length; i++) {
                Signal signal = signals[i];
                double value = table.value(row, signal);
                if (Double.isNaN(value)) {
                    if (values != null) {
                        values.set(i, Double.NaN, NOT_RANKED, 0.0);
                    }
                    continue;
                }
                double share = weights[i] / weightWithData;
                double percentile = cohort.percentile(signal, value);
                score += share * percentile;
                if (values != null) {
                    values.set(i, value, percentile, share);
                    pulls.add(new Pull(signal, value, share * (percentile - 50.0)));
                }
            }
            return Math.max(0.0, Math.min(100.0, score));
        }
    }

    /**
     * Drivers told in the scorecard's words for points that came from elsewhere (a model's SHAP values turned into
     * score points): the same merging of one silence into one driver, strongest first, at most {@code top}, none
     * that rounds to 0 points. Signals the account has no value for are left out: say them with {@link #noDataDriver}.
     */
    public static List<Driver> driversFor(AccountSignals account, Map<Signal, Double> points, int top) {
        List<Pull> pulls = new ArrayList<>(points.size());
        points.forEach((signal, p) -> {
            Double value = account.value(signal);
            if (value != null) {
                pulls.add(new Pull(signal, value, p));
            }
        });
        return drivers(account, pulls, top);
    }

    /** A driver for a signal without data that still moved a score, e.g. "No data on human touches (-4 pts)". */
    public static Driver noDataDriver(Signal signal, double points) {
        return new Driver(signal.key(), points, DriverText.noData(signal, DriverText.roundPoints(points)));
    }

    /** A phrase with the points it moved a score, e.g. "Segment SMB (+3 pts)", as every driver ends. */
    public static String withPoints(String phrase, double points) {
        return DriverText.withPoints(phrase, DriverText.roundPoints(points));
    }

    /** Points as drivers show them: whole, half away from zero; a driver that rounds to 0 is not shown. */
    public static long roundPoints(double points) {
        return DriverText.roundPoints(points);
    }

    /** The notes that a source's data is stale (points 0), as the scorecard puts them after its drivers. */
    public static List<Driver> staleNotes(AccountSignals account) {
        return notes(account, List.of(), Set.of());
    }

    /**
     * What the reader of the drivers must know about the data behind them, after the drivers: each source whose
     * data is stale, then what the score was computed without. A family (usage, support, billing) missing whole
     * is named as one ("billing"), so an account never matched in Stripe reads as that, not as two signals.
     * Notes move no points (0).
     */
    static List<Driver> notes(AccountSignals account, List<Signal> missing, Set<Signal> weighted) {
        List<Driver> notes = new ArrayList<>();
        account.staleSources().forEach((source, why) -> notes.add(new Driver(STALE_NOTE, 0.0, DriverText.stale(source, why))));
        if (missing.isEmpty()) {
            return notes;
        }
        notes.add(new Driver(MISSING_NOTE, 0.0, DriverText.missing(labels(missing, weighted))));
        return notes;
    }

    /** What a CSM would look for: a family missing whole is named as one ("billing"), else each signal. */
    private static List<String> labels(List<Signal> missing, Set<Signal> weighted) {
        Set<String> labels = new LinkedHashSet<>();
        for (Signal signal : missing) {
            Signal.Family family = signal.family();
            boolean wholeFamily = family != Signal.Family.CRM
                    && weighted.stream().filter(s -> s.family() == family).allMatch(missing::contains);
            labels.add(wholeFamily ? family.label() : DriverText.missingLabel(signal));
        }
        return List.copyOf(labels);
    }

    /**
     * Strongest pulls first (ties keep signal order: the sort is stable), without those that round to 0,
     * after merging the pulls that state one fact (see {@link #mergeSilences}).
     */
    private static List<Driver> drivers(AccountSignals account, List<Pull> pulls, int top) {
        List<Pull> facts = mergeSilences(account, pulls);
        facts.sort(STRONGEST_FIRST);
        List<Driver> drivers = new ArrayList<>();
        for (Pull pull : facts) {
            long rounded = DriverText.roundPoints(pull.points());
            if (drivers.size() == top || rounded == 0) {
                break; // sorted: every later pull is weaker
            }
            if (isSmallTrend(pull, rounded)) {
                continue; // its slot goes to the next driver
            }
            drivers.add(new Driver(pull.signal().key(), pull.points(), text(account, pull, rounded)));
        }
        return drivers;
    }

    private static String text(AccountSignals account, Pull pull, long rounded) {
        Double last30 = account.value(Signal.TOUCHES_30D);
        if (pull.signal() == Signal.TOUCH_TREND && last30 != null) {
            long last = Math.round(last30);
            return DriverText.describeTrend(last, last - Math.round(pull.value()), rounded);
        }
        Double tickets30 = account.value(Signal.TICKETS_30D);
        if (pull.signal() == Signal.TICKET_TREND && tickets30 != null) {
            long last = Math.round(tickets30);
            return DriverText.describeTicketTrend(last, last - Math.round(pull.value()), rounded);
        }
        return DriverText.describe(pull.signal(), pull.value(), account.neverHappened(pull.signal()), account.details(),
                rounded);
    }

    /**
     * A trend of one touch (or ticket) or less is one meeting landing either side of a 30-day boundary: noise a CSM
     * cannot act on. The percentile can still give it a few points (where most accounts are level, -1
     * ranks low), so it is left out of the drivers unless it moves the score by {@value #NOTABLE_TREND_POINTS}
     * points or more; then the score owes it enough that hiding it would make the drivers disagree with the score.
     */
    private static boolean isSmallTrend(Pull pull, long rounded) {
        boolean countTrend = pull.signal() == Signal.TOUCH_TREND || pull.signal() == Signal.TICKET_TREND;
        return countTrend && !pull.merged() && Math.abs(pull.value()) <= 1
                && Math.abs(rounded) < NOTABLE_TREND_POINTS;
    }

    /**
     * One fact, one driver. The touch signals overlap: "no human touch in 266 days" already says that there
     * was none in the last 90 days, none in the last 30 and none in the 30 before those (a trend of 0 vs 0).
     * Shown apart they read as several problems and fill the driver slots with one fact; here the signals
     * that state a silence become one pull with their summed points, described by the one stating the
     * longest silence (days since the last touch, else no touch in 90 days, ...). Points are summed
     * unrounded, so the driver shows the rounded sum, not a sum of rounded parts.
     */
    static List<Pull> mergeSilences(AccountSignals account, List<Pull> pulls) {
        List<Pull> silent = new ArrayList<>();
        Pull longest = null;
        long longestDays = 0;
        for (Pull pull : pulls) {
            long days = silentDays(account, pull);
            if (days > 0) {
                silent.add(pull);
                if (days > longestDays) { // strictly: on a tie the earlier signal (days since the last touch) states it
                    longest = pull;
                    longestDays = days;
                }
            }
        }
        if (silent.size() < 2) {
            return new ArrayList<>(pulls);
        }
        double points = silent.stream().mapToDouble(Pull::points).sum();
        List<Pull> merged = new ArrayList<>(pulls.size());
        for (Pull pull : pulls) {
            if (pull == longest) {
                merged.add(new Pull(pull.signal(), pull.value(), points, true));
            } else if (!silent.contains(pull)) {
                merged.add(pull);
            }
        }
        return merged;
    }

    /**
     * How many days without any human touch this pull states, 0 when it states none. Windows as in
     * SignalBuilder: "last 30 days" are days 0-29, the trend's "30 before" days 30-59. Days since the last
     * touch state a silence only from 30 days on, the shortest window: a touch 10 days ago is news, not
     * the same fact as an empty 30-day window.
     */
    private static long silentDays(AccountSignals account, Pull pull) {
        return switch (pull.signal()) {
            case DAYS_SINCE_LAST_TOUCH -> account.neverHappened(Signal.DAYS_SINCE_LAST_TOUCH) ? Long.MAX_VALUE
                    : pull.value() >= 30 ? (long) pull.value() : 0;
            case TOUCHES_90D -> pull.value() == 0 ? 90 : 0;
            case TOUCH_TREND -> pull.value() == 0 && Objects.equals(account.value(Signal.TOUCHES_30D), 0.0) ? 60 : 0;
            case TOUCHES_30D -> pull.value() == 0 ? 30 : 0;
            default -> 0;
        };
    }

    /**
     * Drivers joined with "; ", as many whole drivers (strongest first) as fit in {@code maxLength}
     * characters: a CRM text field must never show half a sentence.
     */
    public static String driversText(List<Driver> drivers, int maxLength) {
        StringBuilder text = new StringBuilder();
        boolean first = true;
        for (Driver driver : drivers) {
            int length = text.length() + (first ? 0 : DRIVER_SEPARATOR.length()) + driver.text().length();
            if (length > maxLength) {
                break;
            }
            if (!first) {
                text.append(DRIVER_SEPARATOR);
            }
            text.append(driver.text());
            first = false;
        }
        return text.toString();
    }

    /**
     * How far one signal pulled the score from the cohort middle (50), in score points; {@code merged}: the
     * points of other signals stating the same fact were added to it.
     */
    record Pull(Signal signal, double value, double points, boolean merged) {

        Pull(Signal signal, double value, double points) {
            this(signal, value, points, false);
        }
    }
}
