package io.healthsync.connectors.source;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What records are matched against: the CRM's live accounts (by id and by domain) and the source
 * entities already linked to one. Built once per pull; links learned during the pull are added.
 */
public final class AccountIndex {

    private final Set<String> crmIds = new HashSet<>();
    /** Salesforce ids come as 15 (case-sensitive) or 18 characters: both find the account. */
    private final Map<String, String> byShortId = new HashMap<>();
    private final Map<String, Set<String>> byDomain = new HashMap<>();
    private final Map<String, String> links = new HashMap<>();
    /** The sum of each account's and link's hash: see {@link #fingerprint()}. */
    private long sum;
    private final int accountEntries;
    /** How many times a link was learned or moved since the index was built. */
    private long linksLearned;

    /** An account of the CRM: its id and domain (null when it has none). */
    public record Entry(String crmId, String domain) {
    }

    public AccountIndex(List<Entry> accounts, Map<String, String> linkedEntities) {
        accountEntries = accounts.size();
        for (Entry account : accounts) {
            sum += IdHash.mix(hash(account.crmId()) * 31 + hash(account.domain()));
            crmIds.add(account.crmId());
            if (account.crmId().length() == 18) {
                byShortId.put(account.crmId().substring(0, 15), account.crmId());
            }
            if (account.domain() != null) {
                byDomain.computeIfAbsent(account.domain(), d -> new HashSet<>()).add(account.crmId());
            }
        }
        for (Map.Entry<String, String> link : linkedEntities.entrySet()) {
            if (link.getValue() != null) {
                links.put(link.getKey(), link.getValue());
                sum += linkHash(link.getKey(), link.getValue());
            }
        }
    }

    /**
     * The accounts and links the index holds now, as a short text that an index of the same accounts and links
     * gives too (in any order, built at once or learned) and one of different ones almost surely does not: records
     * that matched nothing against an index need not be tried again against one with the same fingerprint.
     */
    public String fingerprint() {
        return Long.toHexString(sum) + "/" + accountEntries + "/" + links.size();
    }

    /** How many links were learned (or moved to another account) since the index was built. */
    long linksLearned() {
        return linksLearned;
    }

    private static long linkHash(String entityId, String accountId) {
        return IdHash.mix(hash(entityId) * 37 + hash(accountId) + 1);
    }

    /** {@link IdHash} of a text that may be missing (an account without a domain): 0 then. */
    private static long hash(String text) {
        return text == null ? 0 : IdHash.of(text);
    }

    public Optional<String> byCrmId(String id) {
        if (crmIds.contains(id)) {
            return Optional.of(id);
        }
        return Optional.ofNullable(id.length() == 15 ? byShortId.get(id) : null);
    }

    /** The accounts with this domain: more than one means the domain cannot tell them apart. */
    public Set<String> byDomain(String domain) {
        return byDomain.getOrDefault(domain, Set.of());
    }

    public Optional<String> byLink(String entityId) {
        return Optional.ofNullable(links.get(entityId));
    }

    /** Links the entity to the account; true when that link is new (learned, or moved from another account). */
    boolean link(String entityId, String accountId) {
        String before = links.put(entityId, accountId);
        if (accountId.equals(before)) {
            return false;
        }
        sum += linkHash(entityId, accountId) - (before == null ? 0 : linkHash(entityId, before));
        linksLearned++;
        return true;
    }

    public int accounts() {
        return crmIds.size();
    }
}
