package io.healthsync.sandbox.company;

import io.healthsync.sandbox.AccountProfile;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one synthetic company behind every stand-in source: each customer's usage, tickets, billing and
 * renewals over the history window, made by {@link CompanyGenerator} from the CRM accounts, the seed and
 * today (see package-info for the planted effects). Immutable once made; safe to share between servers.
 */
public final class SyntheticCompany {

    /** Real users one analytics user stands for, unless told otherwise (see package-info, "Scaling"). */
    public static final int DEFAULT_USERS_PER_TRACKED_USER = 25;

    private final HistoryWindow window;
    private final long seed;
    private final double usersPerTrackedUser;
    private final List<AccountHistory> histories;
    private final Map<String, AccountHistory> byKey = new LinkedHashMap<>();
    private final List<Ticket> tickets;

    SyntheticCompany(HistoryWindow window, long seed, double usersPerTrackedUser, List<AccountHistory> histories) {
        this.window = window;
        this.seed = seed;
        this.usersPerTrackedUser = usersPerTrackedUser;
        this.histories = List.copyOf(histories);
        histories.forEach(history -> byKey.put(history.key(), history));
        List<Ticket> all = new ArrayList<>();
        histories.forEach(history -> all.addAll(history.tickets()));
        all.sort(Comparator.comparingLong(Ticket::id));
        this.tickets = List.copyOf(all);
    }

    /** The company of a Salesforce sandbox's generated accounts. */
    public static SyntheticCompany of(List<AccountProfile> profiles, long seed, LocalDate today,
                                      double usersPerTrackedUser) {
        return new CompanyGenerator(seed, usersPerTrackedUser)
                .generate(profiles.stream().map(CompanyAccount::of).toList(), today);
    }

    public HistoryWindow window() {
        return window;
    }

    public LocalDate today() {
        return window.today();
    }

    public long seed() {
        return seed;
    }

    public double usersPerTrackedUser() {
        return usersPerTrackedUser;
    }

    /** Every customer, the CRM's accounts first (in the CRM's order), then the strays. */
    public List<AccountHistory> accounts() {
        return histories;
    }

    public List<AccountHistory> crmAccounts() {
        return histories.stream().filter(history -> history.account().inCrm()).toList();
    }

    public AccountHistory account(String key) {
        return byKey.get(key);
    }

    /** Every ticket of the company, by id. */
    public List<Ticket> tickets() {
        return tickets;
    }

    public String plantedEffects() {
        return PlantedEffects.describe((int) Math.round(usersPerTrackedUser));
    }
}
