package io.healthsync.connectors.source;

import io.healthsync.model.AccountKey;
import java.util.List;

/**
 * A canonical record whose account is not known yet, with the keys that may find it, in the order
 * identity.yaml tries them. {@code recordId} names it in the unmatched report.
 */
public record Keyed<T>(String recordId, List<AccountKey> keys, T record) {

    public Keyed {
        keys = keys.stream().filter(k -> k != null && k.value() != null && !k.value().isBlank()).toList();
    }
}
