package io.healthsync.connectors.source;

import io.healthsync.model.AccountKey;
import java.util.List;

/**
 * A source's own account-like entity (a Zendesk organization, a Stripe customer) with the keys that may
 * find its CRM account. Once matched, records that point at it ({@link AccountKey#link}) find the account
 * through it.
 */
public record AccountLink(String entityId, String name, List<AccountKey> keys) {

    public AccountLink {
        keys = keys.stream().filter(k -> k != null && k.value() != null && !k.value().isBlank()).toList();
    }
}
