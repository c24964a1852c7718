package io.healthsync.scoring.model;

import io.healthsync.model.Account;
import io.healthsync.model.Activity;
import io.healthsync.model.Opportunity;
import io.healthsync.model.Signal;
import io.healthsync.scoring.features.AccountHistory;
import io.healthsync.scoring.features.AccountSignals;
import io.healthsync.scoring.features.SignalBuilder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Training rows from the store, one per account and monthly as-of date, without looking ahead: the features
 * are the live scorecard signals as they stood at the end of the as-of date (the same {@link SignalBuilder} that
 * scores today, so training and scoring cannot disagree), the label is whether a renewal was closed lost within
 * the horizon after it.
 * <ul>
 *   <li>1: a renewal opportunity of the account closed lost with a close date in (asOf, asOf + horizon];</li>
 *   <li>left out (censored): the horizon is not over today, so a 0 would be a guess;</li>
 *   <li>left out (already churned): a renewal was lost on or before the as-of date: churned accounts are not resurrected;</li>
 *   <li>left out: the account did not exist yet on the as-of date;</li>
 *   <li>0 otherwise.</li>
 * </ul>
 * The account's segment is one-hot encoded, capped as {@link HistoryTable} caps text columns.
 */
public final class PointInTimeTrainingSet {

    public static final int DEFAULT_HORIZON_DAYS = 180;
    public static final String RENEWAL_TYPE = "Renewal";
    static final String SEGMENT = "segment";

    /** How an account's signals are computed as of a day: {@link SignalBuilder#build} in production. */
    @FunctionalInterface
    public interface Features {
        AccountSignals build(LocalDate asOf, Account account, List<Activity> activities, List<Opportunity> opportunities);

        /** From a whole history (usage, support, billing): the CRM's part alone unless overridden. */
        default AccountSignals build(LocalDate asOf, AccountHistory history) {
            return build(asOf, history.account(), history.activities(), history.opportunities());
        }
    }

    /** {@link SignalBuilder}: every source's records, for training on the store's outcomes. */
    public static Features live(SignalBuilder signals) {
        return new Features() {
            @Override
            public AccountSignals build(LocalDate asOf, Account account, List<Activity> activities,
                                        List<Opportunity> opportunities) {
                return signals.build(asOf, account, activities, opportunities);
            }

            @Override
            public AccountSignals build(LocalDate asOf, AccountHistory history) {
                return signals.build(asOf, history);
            }
        };
    }

    /** The table, and how many distinct lost renewals gave it its positive rows (one renewal labels several months). */
    public record Result(HistoryTable table, int lostRenewals) {
    }

    private final Features features;
    private final int horizonDays;
    private final Predicate<Opportunity> isRenewal;
    private final int maxCategories;

    public PointInTimeTrainingSet(Features features, int horizonDays, Predicate<Opportunity> isRenewal, int maxCategories) {
        if (horizonDays < 1) {
            throw new IllegalArgumentException("the horizon must be at least 1 day, got " + horizonDays);
        }
        this.features = features;
        this.horizonDays = horizonDays;
        this.isRenewal = isRenewal;
        this.maxCategories = maxCategories;
    }

    /** Production: the live signals, renewals by Type "Renewal". */
    public static PointInTimeTrainingSet live(int horizonDays) {
        return new PointInTimeTrainingSet(new SignalBuilder()::build, horizonDays, typeIs(RENEWAL_TYPE),
                HistorySpec.DEFAULT_MAX_CATEGORIES);
    }

    /** Opportunities whose Type is {@code type}, ignoring case. */
    public static Predicate<Opportunity> typeIs(String type) {
        return opportunity -> opportunity.type() != null && opportunity.type().strip().equalsIgnoreCase(type);
    }

    /** The first day of each of the last {@code months} months up to today's, oldest first. */
    public static List<LocalDate> monthlyAsOfDates(LocalDate today, int months) {
        LocalDate first = today.withDayOfMonth(1);
        List<LocalDate> dates = new ArrayList<>(months);
        for (int back = months - 1; back >= 0; back--) {
            dates.add(first.minusMonths(back));
        }
        return dates;
    }

    /**
     * Signals read from a value that carries no date of its own, so their past is unknown: the renewal date
     * is today's (an account that renewed has had it moved a year on; one that churned keeps the lost date),
     * which in a past row would partly encode the outcome. Left missing in training, so no tree splits on
     * them, until a dated source (renewal opportunities, subscriptions) gives their value as of each date.
     */
    static final java.util.Set<Signal> UNDATED = java.util.EnumSet.of(Signal.DAYS_TO_RENEWAL);

    /**
     * The signals trained on: the CRM's, whose history the store keeps in full. The usage, support and billing
     * signals are left out of the model until their history reaches back over the training window (a column
     * missing in most rows would only teach the model when each source was switched on); the scorecard uses them.
     */
    static final List<Signal> TRAINED = Signal.ofFamily(Signal.Family.CRM);

    /** The signal columns, in {@link Signal} order. */
    public static List<String> signalNames() {
        return TRAINED.stream().map(Signal::key).toList();
    }

    /** One row's signal features as of {@code asOf}: NaN where a signal has no data. */
    public float[] features(LocalDate asOf, Account account, List<Activity> activities, List<Opportunity> opportunities) {
        AccountSignals signals = features.build(asOf, account, activities, opportunities);
        float[] row = new float[TRAINED.size()];
        for (int s = 0; s < row.length; s++) {
            Signal signal = TRAINED.get(s);
            Double value = signals.value(signal);
            row[s] = value == null || UNDATED.contains(signal) ? Float.NaN : value.floatValue();
        }
        return row;
    }

    public enum Label { CHURNED, STAYED, CENSORED, ALREADY_CHURNED }

    /** The account's label for an as-of date, from the close dates of its lost renewals. */
    public Label label(LocalDate asOf, List<Opportunity> opportunities, LocalDate today) {
        LocalDate end = asOf.plusDays(horizonDays);
        boolean churned = false;
        for (Opportunity opportunity : opportunities) {
            LocalDate lost = lostRenewal(opportunity);
            if (lost == null) {
                continue;
            }
            if (!lost.isAfter(asOf)) {
                return Label.ALREADY_CHURNED;
            }
            churned |= !lost.isAfter(end);
        }
        if (!end.isBefore(today)) { // the horizon's last day is not over yet
            return Label.CENSORED;
        }
        return churned ? Label.CHURNED : Label.STAYED;
    }

    private LocalDate lostRenewal(Opportunity opportunity) {
        return opportunity.closed() && !opportunity.won() && opportunity.closeDate() != null && isRenewal.test(opportunity)
                ? opportunity.closeDate() : null;
    }

    public Result build(List<Account> accounts, Map<String, List<Activity>> activities,
                        Map<String, List<Opportunity>> opportunities, List<LocalDate> asOfDates, LocalDate today) {
        List<float[]> signalRows = new ArrayList<>();
        List<String> segments = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        Set<String> lost = new HashSet<>(); // account and close date of each lost renewal that labelled a row
        for (Account account : accounts) {
            List<Activity> theirActivities = activities.getOrDefault(account.crmId(), List.of());
            List<Opportunity> theirOpportunities = opportunities.getOrDefault(account.crmId(), List.of());
            for (LocalDate asOf : asOfDates) {
                if (account.createdAt() != null && account.createdAt().atZone(ZoneOffset.UTC).toLocalDate().isAfter(asOf)) {
                    continue;
                }
                Label label = label(asOf, theirOpportunities, today);
                if (label == Label.CENSORED || label == Label.ALREADY_CHURNED) {
                    continue;
                }
                signalRows.add(features(asOf, account, theirActivities, theirOpportunities));
                segments.add(account.segment() == null ? "" : account.segment().strip());
                ids.add(account.crmId());
                times.add((double) asOf.atStartOfDay(ZoneOffset.UTC).toEpochSecond());
                labels.add(label == Label.CHURNED ? 1 : 0);
                if (label == Label.CHURNED) {
                    lost.add(account.crmId() + "\u0000" + firstLostAfter(asOf, theirOpportunities));
                }
            }
        }
        return new Result(table(signalRows, segments, ids, times, labels), lost.size());
    }

    private LocalDate firstLostAfter(LocalDate asOf, List<Opportunity> opportunities) {
        LocalDate first = null;
        for (Opportunity opportunity : opportunities) {
            LocalDate lostOn = lostRenewal(opportunity);
            if (lostOn != null && lostOn.isAfter(asOf) && (first == null || lostOn.isBefore(first))) {
                first = lostOn;
            }
        }
        return first;
    }

    private HistoryTable table(List<float[]> signalRows, List<String> segments, List<String> ids, List<Double> times,
                               List<Integer> labels) {
        return table(signalNames(), signalRows, segments, ids, times, labels, maxCategories);
    }

    /** The signal columns then the segment's one-hot columns, with the hash of every row. */
    static HistoryTable table(List<String> signalNames, List<float[]> signalRows, List<String> segments, List<String> ids,
                              List<Double> times, List<Integer> labels, int maxCategories) {
        List<String> kept = HistoryTable.keptCategories(segments, maxCategories);
        List<String> names = new ArrayList<>(signalNames);
        kept.forEach(category -> names.add(SEGMENT + "=" + category));
        int n = signalRows.size();
        int signals = signalNames.size();
        int width = names.size();
        float[] matrix = new float[n * width];
        MessageDigest digest = sha256();
        for (int r = 0; r < n; r++) {
            System.arraycopy(signalRows.get(r), 0, matrix, r * width, signals);
            for (int c = 0; c < kept.size(); c++) {
                matrix[r * width + signals + c] = HistoryTable.oneHot(segments.get(r), kept.get(c), kept);
            }
            digest.update((ids.get(r) + "\u0000" + times.get(r) + "\u0000" + labels.get(r) + "\u0000" + segments.get(r))
                    .getBytes(StandardCharsets.UTF_8));
            ByteBuffer bits = ByteBuffer.allocate(4 * signals);
            for (int s = 0; s < signals; s++) {
                bits.putFloat(signalRows.get(r)[s]);
            }
            digest.update(bits.array());
        }
        Map<String, List<String>> categories = kept.isEmpty() ? Map.of() : Map.of(SEGMENT, kept);
        return new HistoryTable(List.copyOf(names), categories, matrix, labels.stream().mapToInt(Integer::intValue).toArray(),
                ids.toArray(String[]::new), times.stream().mapToDouble(Double::doubleValue).toArray(),
                HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
