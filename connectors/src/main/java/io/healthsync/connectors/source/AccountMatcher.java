package io.healthsync.connectors.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.healthsync.model.AccountKey;
import io.healthsync.model.Activity;
import io.healthsync.model.Outcome;
import io.healthsync.model.QuarantinedRecord;
import io.healthsync.model.Subscription;
import io.healthsync.model.UsageDay;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * Finds each record's CRM account by its keys, in the order identity.yaml gave them: the first key that
 * names exactly one live account wins (a domain shared by two accounts names neither). Records that find
 * none are kept as unmatched, whole, and tried again on later runs.
 */
public final class AccountMatcher {

    static final String LINK = "link";
    static final String ACTIVITY = "activity";
    static final String USAGE = "usage";
    static final String SUBSCRIPTION = "subscription";
    static final String OUTCOME = "outcome";
    private static final List<String> KIND_ORDER = List.of(LINK, SUBSCRIPTION, ACTIVITY, USAGE, OUTCOME);

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final String source;
    private final AccountIndex index;
    /**
     * The entities named by the link keys of the records this matcher left unmatched: a link learned later for one of
     * them could match such a record, a link learned for any other entity could not (its accounts and domains do not
     * change within a pull).
     */
    private final Set<String> unmatchedLinkKeys = new HashSet<>();
    /** Whether a link was learned for an entity in {@link #unmatchedLinkKeys} after its record stayed unmatched. */
    private boolean linkLearnedForUnmatched;
    /** The index's links learned when older unmatched records were left untried; -1 while they were not. */
    private long linksWhenOlderNotTried = -1;

    public AccountMatcher(String source, AccountIndex index) {
        this.source = source;
        this.index = index;
    }

    /**
     * Whether every record this matcher left unmatched was tried against all the links the index holds now: no link
     * was learned since for an entity one of its keys names (a link itself is matched by the account's id or domain,
     * which learning links does not change). Older unmatched records not tried again by this matcher (see
     * {@link #olderUnmatchedNotTried()}), whose keys it does not know, were tried against every link only while none
     * was learned since.
     */
    public boolean unmatchedTriedAgainstEveryLink() {
        return !linkLearnedForUnmatched && (linksWhenOlderNotTried < 0 || linksWhenOlderNotTried == index.linksLearned());
    }

    /** Unmatched records of earlier pulls wait that this matcher did not try: any link learned from now on may match them. */
    public void olderUnmatchedNotTried() {
        if (linksWhenOlderNotTried < 0) {
            linksWhenOlderNotTried = index.linksLearned();
        }
    }

    private void leftUnmatched(List<AccountKey> keys) {
        for (AccountKey key : keys) {
            if (key.kind() == AccountKey.Kind.LINK) {
                unmatchedLinkKeys.add(key.value());
            }
        }
    }

    public MatchedPage match(String stream, SourcePage page) {
        MatchedPage matched = new MatchedPage();
        matched.records = page.records();
        matched.cursor = page.cursor();
        matched.quarantined.addAll(page.quarantined());
        for (AccountLink link : page.links()) {
            matchLink(stream, link, matched, false);
        }
        each(stream, SUBSCRIPTION, page.subscriptions(), Subscription::withAccountId, (m, r) -> m.subscriptions.add(r), matched, false);
        each(stream, ACTIVITY, page.activities(), Activity::withAccountId, (m, r) -> m.activities.add(r), matched, false);
        each(stream, USAGE, page.usage(), UsageDay::withAccountId, (m, r) -> m.usage.add(r), matched, false);
        each(stream, OUTCOME, page.outcomes(), Outcome::withAccountId, (m, r) -> m.outcomes.add(r), matched, false);
        dropRepeatedUnmatched(matched);
        return matched;
    }

    /**
     * Tries the stored unmatched records again: those that find their account now are returned to be stored
     * (and leave the unmatched table); one whose payload cannot be read any more is quarantined, not lost.
     */
    public MatchedPage rematch(List<UnmatchedRecord> unmatched) {
        MatchedPage matched = new MatchedPage();
        List<UnmatchedRecord> ordered = unmatched.stream()
                .sorted(Comparator.comparingInt(u -> KIND_ORDER.indexOf(u.kind()))).toList();
        for (UnmatchedRecord row : ordered) {
            try {
                switch (row.kind()) {
                    case LINK -> matchLink(row.stream(), json.readValue(row.payload(), AccountLink.class), matched, true);
                    case SUBSCRIPTION -> each(row.stream(), row.kind(), List.of(read(row, Subscription.class)),
                            Subscription::withAccountId, (m, r) -> m.subscriptions.add(r), matched, true);
                    case ACTIVITY -> each(row.stream(), row.kind(), List.of(read(row, Activity.class)),
                            Activity::withAccountId, (m, r) -> m.activities.add(r), matched, true);
                    case USAGE -> each(row.stream(), row.kind(), List.of(read(row, UsageDay.class)),
                            UsageDay::withAccountId, (m, r) -> m.usage.add(r), matched, true);
                    case OUTCOME -> each(row.stream(), row.kind(), List.of(read(row, Outcome.class)),
                            Outcome::withAccountId, (m, r) -> m.outcomes.add(r), matched, true);
                    default -> throw new IllegalArgumentException("unknown record kind " + row.kind());
                }
            } catch (JsonProcessingException | RuntimeException e) {
                matched.quarantined.add(new QuarantinedRecord(source, row.stream(), row.recordId(), null,
                        "unmatched " + row.kind() + " " + row.recordId() + " can no longer be read: " + e.getMessage(),
                        row.payload()));
                matched.rematched.add(new MatchedPage.UnmatchedKey(row.kind(), row.recordId()));
            }
        }
        return matched;
    }

    private <T> Keyed<T> read(UnmatchedRecord row, Class<T> type) throws JsonProcessingException {
        JavaType keyed = json.getTypeFactory().constructParametricType(Keyed.class, type);
        return json.readValue(row.payload(), keyed);
    }

    private void matchLink(String stream, AccountLink link, MatchedPage matched, boolean stored) {
        Optional<String> account = find(link.keys());
        String keys = describe(link.keys());
        account.ifPresent(id -> learn(link.entityId(), id));
        if (account.isPresent() || !stored) {
            matched.links.add(new MatchedPage.Link(link.entityId(), link.name(), keys, account.orElse(null)));
        }
        if (account.isEmpty()) {
            if (!stored) {
                matched.unmatched.add(new UnmatchedRecord(source, LINK, link.entityId(), stream, keys, toJson(link)));
            }
        } else if (stored) {
            matched.rematched.add(new MatchedPage.UnmatchedKey(LINK, link.entityId()));
        }
    }

    private void learn(String entityId, String accountId) {
        if (index.link(entityId, accountId) && unmatchedLinkKeys.contains(entityId)) {
            linkLearnedForUnmatched = true;
        }
    }

    private <T> void each(String stream, String kind, List<Keyed<T>> records, BiFunction<T, String, T> withAccount,
                          BiConsumer<MatchedPage, T> add, MatchedPage matched, boolean stored) {
        for (Keyed<T> keyed : records) {
            Optional<String> account = find(keyed.keys());
            if (account.isEmpty()) {
                leftUnmatched(keyed.keys());
            }
            if (account.isPresent()) {
                add.accept(matched, withAccount.apply(keyed.record(), account.get()));
                if (stored) {
                    matched.rematched.add(new MatchedPage.UnmatchedKey(kind, recordId(keyed)));
                }
            } else if (!stored) {
                matched.unmatched.add(new UnmatchedRecord(source, kind, recordId(keyed), stream,
                        describe(keyed.keys()), toJson(keyed)));
            }
        }
    }

    /**
     * The record's own identity where it has one (an activity's sourceId is unique in its source; one source
     * record may give several activities), else the id the source gave it: the unmatched table's key.
     */
    private static String recordId(Keyed<?> keyed) {
        Object record = keyed.record();
        if (record instanceof Activity a) {
            return a.sourceId();
        }
        if (record instanceof Subscription s) {
            return s.sourceId();
        }
        if (record instanceof Outcome o) {
            return o.sourceId();
        }
        return keyed.recordId();
    }

    /** A record met twice on one page (a source listing it twice) is kept once: the last copy. */
    private static void dropRepeatedUnmatched(MatchedPage matched) {
        java.util.Map<String, UnmatchedRecord> byKey = new java.util.LinkedHashMap<>();
        matched.unmatched.forEach(u -> byKey.put(u.kind() + "\u0000" + u.recordId(), u));
        if (byKey.size() < matched.unmatched.size()) {
            matched.unmatched.clear();
            matched.unmatched.addAll(byKey.values());
        }
    }

    private Optional<String> find(List<AccountKey> keys) {
        for (AccountKey key : keys) {
            Optional<String> found = switch (key.kind()) {
                case CRM_ID -> index.byCrmId(key.value());
                case LINK -> index.byLink(key.value());
                case DOMAIN -> {
                    Set<String> accounts = index.byDomain(key.value());
                    yield accounts.size() == 1 ? Optional.of(accounts.iterator().next()) : Optional.empty();
                }
            };
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** "crm_id=001..., domain=acme.com", or "no key" when the record carried none: what the report shows. */
    private String describe(List<AccountKey> keys) {
        if (keys.isEmpty()) {
            return "no key";
        }
        StringBuilder text = new StringBuilder();
        for (AccountKey key : keys) {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(key);
            if (key.kind() == AccountKey.Kind.DOMAIN && index.byDomain(key.value()).size() > 1) {
                text.append(" (shared by ").append(index.byDomain(key.value()).size()).append(" accounts)");
            }
        }
        return text.toString();
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot keep " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
