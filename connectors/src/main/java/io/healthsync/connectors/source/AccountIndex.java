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

    /** An account of the CRM: its id and domain (null when it has none). */
    public record Entry(String crmId, String domain) {
    }

    public AccountIndex(List<Entry> accounts, Map<String, String> linkedEntities) {
        for (Entry account : accounts) {
            crmIds.add(account.crmId());
            if (account.crmId().length() == 18) {
                byShortId.put(account.crmId().substring(0, 15), account.crmId());
            }
            if (account.domain() != null) {
                byDomain.computeIfAbsent(account.domain(), d -> new HashSet<>()).add(account.crmId());
            }
        }
        linkedEntities.forEach((entity, account) -> {
            if (account != null) {
                links.put(entity, account);
            }
        });
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
