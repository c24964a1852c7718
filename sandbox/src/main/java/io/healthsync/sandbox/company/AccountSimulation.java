package io.healthsync.sandbox.company;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Lives one account through the history window, a day at a time, so that every signal follows the hidden
 * health and every outcome follows the signals before it (the rules are {@link PlantedEffects}): renewals
 * decided from the 90 days before, usage and tickets of the day, the invoices due, and expansion when the
 * seats have been well used. Not reused: one instance per account.
 */
final class AccountSimulation {

    private static final int DAYS = HistoryWindow.DAYS;
    private static final Duration ZENDESK_SETUP = Duration.ofDays(700);

    private final CompanyAccount account;
    private final HistoryWindow window;
    private final SplittableRandom random;
    private final double usersPerTrackedUser;
    private final Instant latest;

    private final double[] health = new double[DAYS];
    private final double[] weekdayActive = new double[DAYS + 1];
    private final double[] weekdaySeats = new double[DAYS + 1];
    private final int[] badCsatByDay = new int[DAYS];
    private final int[] intentByDay = new int[DAYS];
    private final int[] failuresByDay = new int[DAYS];
    private final double[] featureThreshold = new double[Feature.values().length];

    private final DailyUsage usage = new DailyUsage(DAYS);
    private final List<Ticket> tickets = new ArrayList<>();
    private final List<Invoice> invoices = new ArrayList<>();
    private final List<SeatChange> seatChanges = new ArrayList<>();
    private final List<RenewalDecision> renewals = new ArrayList<>();
    private final List<String> requesters;

    private final String plan;
    private final String interval;
    private final long unitAmount;
    private final int anchorSecond;
    private int quantity;
    /** Seats the customer's people would use if licensed: starts at the licensed seats, drifts with health. */
    private double demand;
    private int lastSeatChange = Integer.MIN_VALUE / 2;
    private boolean alive = true;
    private final Long touchSeed;
    private Instant canceledAt;
    private Instant endedAt;
    private String cancelFeedback;

    AccountSimulation(CompanyAccount account, HistoryWindow window, SplittableRandom random,
                      double usersPerTrackedUser) {
        this(account, window, random, usersPerTrackedUser, null);
    }

    /** {@code touchSeed}: the seed of the CRM's planted touchpoints (see {@link PlantedTouchpoints}); null: none. */
    AccountSimulation(CompanyAccount account, HistoryWindow window, SplittableRandom random,
                      double usersPerTrackedUser, Long touchSeed) {
        this.touchSeed = touchSeed;
        this.account = account;
        this.window = window;
        this.random = random;
        this.usersPerTrackedUser = usersPerTrackedUser;
        this.latest = window.todayStart().minusSeconds(61);
        this.quantity = Math.max(1, account.seats());
        this.demand = quantity;
        this.anchorSecond = 46_800 + random.nextInt(7_200);
        switch (account.segment()) {
            case "Enterprise" -> {
                plan = "enterprise_yearly";
                interval = "year";
                unitAmount = 60_000;
            }
            case "Mid-Market" -> {
                boolean monthly = random.nextInt(2) == 0;
                plan = monthly ? "midmarket_monthly" : "midmarket_yearly";
                interval = monthly ? "month" : "year";
                unitAmount = monthly ? 4_000 : 45_000;
            }
            default -> {
                plan = "smb_monthly";
                interval = "month";
                unitAmount = 2_500;
            }
        }
        this.requesters = requesterNames(1 + random.nextInt(account.segment().equals("Enterprise") ? 6 : 3));
        planHealth();
        featureThreshold[Feature.DASHBOARDS.ordinal()] = 0;
        featureThreshold[Feature.REPORTS.ordinal()] = 0.4 * random.nextDouble();
        featureThreshold[Feature.COLLABORATION.ordinal()] = 0.1 + 0.5 * random.nextDouble();
        featureThreshold[Feature.INTEGRATIONS.ordinal()] = 0.3 + 0.5 * random.nextDouble();
        featureThreshold[Feature.AUTOMATION.ordinal()] = 0.4 + 0.55 * random.nextDouble();
    }

    AccountHistory run(boolean zendeskExternalId) {
        int start = Math.max(0, window.index(account.contractStart()));
        LocalDate nextBill = firstBillingOnOrAfter(window.date(start));
        int year = 1;
        LocalDate nextRenewal = account.contractStart().plusYears(year);
        while (window.index(nextRenewal) < start) {
            nextRenewal = account.contractStart().plusYears(++year);
        }
        for (int d = start; d < DAYS && alive; d++) {
            LocalDate date = window.date(d);
            if (date.equals(nextRenewal)) {
                renew(d);
                nextRenewal = account.contractStart().plusYears(++year);
                if (!alive) {
                    break;
                }
            }
            simulateUsage(d, start);
            simulateTickets(d);
            if (date.equals(nextBill)) {
                bill(d, date.equals(account.contractStart()));
                nextBill = nextBilling(nextBill);
            }
            maybeExpand(d, start);
        }
        Instant since = HistoryWindow.start(account.contractStart()).plusSeconds(anchorSecond);
        Instant zendeskSetup = window.todayStart().minus(ZENDESK_SETUP);
        Billing billing = billing();
        return new AccountHistory(account, usage, List.copyOf(tickets), billing, List.copyOf(renewals),
                requesters, zendeskExternalId, endedAt, since.isBefore(zendeskSetup) ? zendeskSetup : since);
    }

    // ---- health ------------------------------------------------------------------------------------------

    private void planHealth() {
        double end = account.health();
        double begin = end + 0.05 * random.nextGaussian();
        int changeFrom = 0;
        if (end < 0.45 && random.nextDouble() < 0.7) {
            begin = Math.min(0.95, end + 0.2 + 0.3 * random.nextDouble());
            changeFrom = (int) (DAYS * (0.2 + 0.6 * random.nextDouble()));
        } else if (end > 0.6 && random.nextDouble() < 0.2) {
            begin = Math.max(0.2, end - 0.15 - 0.15 * random.nextDouble());
            changeFrom = (int) (DAYS * 0.5 * random.nextDouble());
        }
        double noise = 0;
        for (int d = 0; d < DAYS; d++) {
            double share = d <= changeFrom ? 0 : (d - changeFrom) / (double) (DAYS - 1 - changeFrom);
            noise = 0.97 * noise + 0.012 * random.nextGaussian();
            health[d] = clamp(begin + (end - begin) * share + noise, 0.01, 0.99);
        }
    }

    // ---- renewals ------------------------------------------------------------------------------------------

    private void renew(int d) {
        if (!window.served(d)) {
            return;
        }
        double rate90 = weekdayRate(d - 90, d);
        double rateOld = weekdayRate(d - 90, d - 60);
        double rateNew = weekdayRate(d - 30, d);
        double trend = clamp((rateNew - rateOld) / Math.max(rateOld, 0.05), -1, 1);
        int badCsat = sum(badCsatByDay, d - 90, d);
        int failures = sum(failuresByDay, d - 180, d);
        boolean intent = sum(intentByDay, d - 90, d) > 0;
        double p = PlantedEffects.churnProbability(rate90, trend, badCsat, failures, intent);
        if (touchSeed != null && account.inCrm()) {
            double shift = PlantedTouchpoints.churnLogitShift(PlantedTouchpoints.before(touchSeed, account.key(), window.date(d)));
            p = 1 / (1 + Math.exp(-(Math.log(p / (1 - p)) + shift)));
        }
        String outcome;
        Instant at = window.start(d).plusSeconds(anchorSecond);
        if (random.nextDouble() < p) {
            outcome = "churned";
            alive = false;
            endedAt = at;
            canceledAt = OrgHours.businessTime(random, window.date(d - 5 - random.nextInt(36)));
            cancelFeedback = intent ? "switched_service" : rate90 < 0.3 ? "unused"
                    : failures > 0 ? "too_expensive" : "customer_service";
        } else if (rate90 < PlantedEffects.CONTRACTION_BELOW_ACTIVE_RATE
                && random.nextDouble() < PlantedEffects.CONTRACTION_PROBABILITY && quantity > 1) {
            outcome = "contracted";
            int to = Math.max(1, (int) Math.round(quantity * (0.7 + 0.2 * random.nextDouble())));
            changeSeats(d, at, to);
        } else {
            outcome = "renewed";
        }
        renewals.add(new RenewalDecision(account.key(), window.date(d), rate90, trend, badCsat, failures, intent,
                p, outcome));
    }

    private double weekdayRate(int from, int to) {
        from = Math.max(0, from);
        double seats = weekdaySeats[to] - weekdaySeats[from];
        return seats <= 0 ? 0 : (weekdayActive[to] - weekdayActive[from]) / seats;
    }

    // ---- usage ---------------------------------------------------------------------------------------------

    private void simulateUsage(int d, int start) {
        double h = health[d];
        boolean weekend = window.weekend(d);
        demand *= 1 + PlantedEffects.demandGrowthPerYear(h) / 365;
        double tracked = quantity / usersPerTrackedUser;
        int pool = Math.max(1, (int) Math.ceil(tracked));
        double rate = PlantedEffects.activeRate(h, weekend) * Math.min(1, demand / quantity);
        if (window.index(account.contractStart()) >= 0 && d - start < 45) {
            rate *= 0.4 + 0.6 * (d - start) / 45.0;
        }
        int active = binomial(pool, Math.min(1, tracked * rate / pool));
        int sessions = active == 0 ? 0 : active + poisson(active * PlantedEffects.extraSessionsPerUser(h));
        int[] perFeature = new int[Feature.values().length];
        int total = 0;
        for (Feature feature : Feature.values()) {
            if (sessions > 0 && featureThreshold[feature.ordinal()] <= h) {
                perFeature[feature.ordinal()] = poisson(sessions * PlantedEffects.featureEventsPerSession(feature, h));
                total += perFeature[feature.ordinal()];
            }
        }
        // every session has at least one event: the ones without a feature event viewed a dashboard
        perFeature[Feature.DASHBOARDS.ordinal()] += Math.max(0, sessions - total);
        usage.set(d, pool, active, sessions, perFeature);
        weekdayActive[d + 1] = weekdayActive[d] + (weekend ? 0 : active);
        weekdaySeats[d + 1] = weekdaySeats[d] + (weekend ? 0 : tracked);
    }

    private void maybeExpand(int d, int start) {
        if (!alive || window.weekend(d) || d - start < PlantedEffects.EXPANSION_WINDOW_DAYS
                || d - lastSeatChange < PlantedEffects.EXPANSION_MIN_DAYS_BETWEEN) {
            return;
        }
        double rate = weekdayRate(d + 1 - PlantedEffects.EXPANSION_WINDOW_DAYS, d + 1);
        if (rate > PlantedEffects.EXPANSION_ACTIVE_RATE
                && random.nextDouble() < PlantedEffects.EXPANSION_DAILY_PROBABILITY) {
            int to = quantity + Math.max(1, (int) Math.round(quantity * (0.1 + 0.2 * random.nextDouble())));
            Instant at = OrgHours.businessTime(random, window.date(d));
            int from = quantity;
            changeSeats(d, at, to);
            prorate(d, at, from, to);
        }
    }

    private void changeSeats(int d, Instant at, int to) {
        seatChanges.add(new SeatChange(at, quantity, to));
        quantity = to;
        lastSeatChange = d;
    }

    // ---- tickets -------------------------------------------------------------------------------------------

    private void simulateTickets(int d) {
        double h = health[d];
        boolean onboarding = d - window.index(account.contractStart()) < 60;
        int count = poisson(PlantedEffects.ticketsPerMonth(account.segment(), h, onboarding) / 30.0);
        for (int i = 0; i < count; i++) {
            Instant created = OrgHours.businessTime(random, window.date(d));
            if (!created.isBefore(latest)) {
                continue;
            }
            tickets.add(ticket(d, h, created));
        }
    }

    private Ticket ticket(int d, double h, Instant created) {
        boolean intent = random.nextDouble() < PlantedEffects.cancellationIntent(h);
        boolean angry = intent || random.nextDouble() < 0.5 * (1 - h) * (1 - h);
        String priority = priority(h);
        String[] text = TicketTexts.next(random, angry, intent);
        double urgency = priority.equals("urgent") ? 0.3 : priority.equals("high") ? 0.6 : 1;
        int reply = (int) Math.max(2, Math.round(lognormal(45 * (1 + 1.5 * (1 - h)) * urgency, 0.8)));
        int resolution = reply + (int) Math.round(lognormal(480 * (1 + 2 * (1 - h)), 1.0));
        Instant solvedAt = created.plus(Duration.ofMinutes(resolution));
        Instant replied = created.plus(Duration.ofMinutes(reply));
        String status;
        Instant updated;
        Ticket.Rating rating = null;
        if (solvedAt.isBefore(latest)) {
            Instant closedAt = solvedAt.plus(Duration.ofDays(4));
            status = closedAt.isBefore(latest) ? "closed" : "solved";
            updated = status.equals("closed") ? closedAt : solvedAt;
            if (random.nextDouble() < 0.45) {
                Instant ratedAt = solvedAt.plus(Duration.ofMinutes(60 + random.nextInt(2_820)));
                if (ratedAt.isBefore(latest)) {
                    boolean bad = random.nextDouble() < PlantedEffects.badCsat(h, resolution > 3 * 1_440, intent);
                    rating = new Ticket.Rating(0, bad ? "bad" : "good", bad ? badComment() : goodComment(), ratedAt);
                    int ratedDay = window.index(OrgHours.dateOf(ratedAt));
                    if (bad && ratedDay < DAYS) {
                        badCsatByDay[ratedDay]++;
                    }
                    if (ratedAt.isAfter(updated)) {
                        updated = ratedAt;
                    }
                }
            }
        } else {
            solvedAt = null;
            status = replied.isBefore(latest) ? (random.nextInt(3) == 0 ? "pending" : "open") : "new";
            updated = replied.isBefore(latest) ? replied : created;
        }
        if (intent) {
            intentByDay[d]++;
        }
        String type = text[0].startsWith("Feature request") ? "task" : random.nextInt(3) == 0 ? "question"
                : "problem";
        return new Ticket(0, account.key(), random.nextInt(requesters.size()), created, updated, text[0], text[1],
                status, priority, type, intent, reply, solvedAt, solvedAt == null ? null : resolution, rating, false);
    }

    private String priority(double h) {
        double draw = random.nextDouble();
        double urgent = 0.03 + 0.12 * (1 - h);
        double high = urgent + 0.12 + 0.2 * (1 - h);
        double low = high + 0.25 * h;
        return draw < urgent ? "urgent" : draw < high ? "high" : draw < low ? "low" : "normal";
    }

    private String goodComment() {
        String[] comments = {"", "", "Quick and helpful, thanks!", "Solved my problem.", "Great support."};
        return comments[random.nextInt(comments.length)];
    }

    private String badComment() {
        String[] comments = {"", "Took far too long.", "Issue is not really fixed.", "Nobody understood the problem.",
                "Third time we report this."};
        return comments[random.nextInt(comments.length)];
    }

    // ---- billing -------------------------------------------------------------------------------------------

    private LocalDate firstBillingOnOrAfter(LocalDate day) {
        LocalDate bill = account.contractStart();
        int k = 0;
        while (bill.isBefore(day)) {
            k++;
            bill = interval.equals("month") ? account.contractStart().plusMonths(k) : account.contractStart().plusYears(k);
        }
        return bill;
    }

    private LocalDate nextBilling(LocalDate bill) {
        return firstBillingOnOrAfter(bill.plusDays(1));
    }

    private void bill(int d, boolean first) {
        LocalDate date = window.date(d);
        Instant created = window.start(d).plusSeconds(anchorSecond);
        Instant periodEnd = HistoryWindow.start(nextBilling(date)).plusSeconds(anchorSecond);
        long amount = unitAmount * quantity;
        charge(d, created, amount, first ? "subscription_create" : "subscription_cycle", created, periodEnd);
    }

    private void prorate(int d, Instant at, int from, int to) {
        LocalDate periodStart = lastBillingOnOrBefore(window.date(d));
        LocalDate periodEnd = nextBilling(periodStart);
        double remaining = (periodEnd.toEpochDay() - window.date(d).toEpochDay())
                / (double) Math.max(1, periodEnd.toEpochDay() - periodStart.toEpochDay());
        long amount = Math.round(unitAmount * (to - from) * remaining);
        charge(d, at, amount, "subscription_update", at, HistoryWindow.start(periodEnd).plusSeconds(anchorSecond));
    }

    private LocalDate lastBillingOnOrBefore(LocalDate day) {
        LocalDate next = firstBillingOnOrAfter(day);
        if (next.equals(day)) {
            return day;
        }
        LocalDate bill = account.contractStart();
        for (LocalDate candidate = bill; candidate.isBefore(day); candidate = nextBilling(candidate)) {
            bill = candidate;
        }
        return bill;
    }

    private void charge(int d, Instant created, long amount, String reason, Instant periodStart, Instant periodEnd) {
        int seq = invoices.size() + 1;
        double h = health[d];
        if (amount <= 0 || random.nextDouble() >= PlantedEffects.paymentFailure(h)) {
            invoices.add(new Invoice(seq, created, amount, quantity, reason, periodStart, periodEnd, "paid", 1, null,
                    created.plusSeconds(3_600), null));
            return;
        }
        failuresByDay[d]++;
        Instant failedAt = created.plusSeconds(3_600);
        if (random.nextDouble() < PlantedEffects.paymentRecovery(h)) {
            Instant paidAt = failedAt.plus(Duration.ofDays(3 + random.nextInt(7)));
            if (paidAt.isBefore(latest)) {
                invoices.add(new Invoice(seq, created, amount, quantity, reason, periodStart, periodEnd, "paid",
                        2 + random.nextInt(3), failedAt, paidAt, null));
                return;
            }
        }
        boolean recent = created.isAfter(latest.minus(Duration.ofDays(21)));
        Instant uncollectible = recent ? null : created.plus(Duration.ofDays(21));
        invoices.add(new Invoice(seq, created, amount, quantity, reason, periodStart, periodEnd,
                recent ? "open" : "uncollectible", recent ? 1 + random.nextInt(3) : 4, failedAt, null, uncollectible));
    }

    private Billing billing() {
        Instant created = HistoryWindow.start(account.contractStart()).plusSeconds(anchorSecond);
        LocalDate lastDay = endedAt == null ? window.today().minusDays(1) : OrgHours.dateOf(endedAt).minusDays(1);
        LocalDate periodStart = lastBillingOnOrBefore(lastDay.isBefore(account.contractStart())
                ? account.contractStart() : lastDay);
        LocalDate periodEnd = nextBilling(periodStart);
        String status = endedAt != null ? "canceled"
                : !invoices.isEmpty() && invoices.get(invoices.size() - 1).status().equals("open") ? "past_due"
                : "active";
        return new Billing(plan, interval, unitAmount, created, status, quantity,
                HistoryWindow.start(periodStart).plusSeconds(anchorSecond),
                HistoryWindow.start(periodEnd).plusSeconds(anchorSecond), canceledAt, endedAt, cancelFeedback,
                List.copyOf(seatChanges), List.copyOf(invoices));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private List<String> requesterNames(int count) {
        String[] first = {"alex", "sam", "jordan", "taylor", "morgan", "casey", "riley", "jamie", "drew", "quinn"};
        String[] last = {"lee", "park", "diaz", "ng", "walsh", "khan", "berg", "ito", "ross", "vale"};
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(first[random.nextInt(first.length)] + "." + last[random.nextInt(last.length)] + (i + 1));
        }
        return List.copyOf(names);
    }

    private int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    private int binomial(int n, double p) {
        if (p <= 0) {
            return 0;
        }
        if (n > 40) {
            double mean = n * p;
            double sd = Math.sqrt(n * p * (1 - p));
            return (int) clamp(Math.round(mean + sd * random.nextGaussian()), 0, n);
        }
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < p) {
                count++;
            }
        }
        return count;
    }

    private double lognormal(double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    private static int sum(int[] byDay, int from, int to) {
        int total = 0;
        for (int d = Math.max(0, from); d < Math.min(to, byDay.length); d++) {
            total += byDay[d];
        }
        return total;
    }

    private static double clamp(double value, double low, double high) {
        return Math.max(low, Math.min(high, value));
    }
}
