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
    /** What the index held as built (see {@link #fingerprint()}), before any link a pull learns. */
    private final String fingerprint;

    /** An account of the CRM: its id and domain (null when it has none). */
    public record Entry(String crmId, String domain) {
    }

    public AccountIndex(List<Entry> accounts, Map<String, String> linkedEntities) {
        long sum = 0;
        for (Entry account : accounts) {
            sum += mix(hash(account.crmId()) * 31 + hash(account.domain()));
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
                sum += mix(hash(link.getKey()) * 37 + hash(link.getValue()) + 1);
            }
        }
        fingerprint = Long.toHexString(sum) + "/" + accounts.size() + "/" + links.size();
    }

    /**
     * The accounts and links the index was built from, as a short text that another build from the same accounts
     * and links gives too (in any order) and one from different ones almost surely does not: records that matched
     * nothing against an index need not be tried again against one with the same fingerprint.
     */
    public String fingerprint() {
        return fingerprint;
    }

    /** FNV-1a over the text's characters: 64 bits, as String.hashCode's 32 would collide among 100,000 accounts. */
    private static long hash(String text) {
        if (text == null) {
            return 0;
        }
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
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

    void link(String entityId, String accountId) {
        links.put(entityId, accountId);
    }

    public int accounts() {
        return crmIds.size();
    }
}
