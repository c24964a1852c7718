package io.healthsync.connectors.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import io.healthsync.mappings.IdentityConfig;
import io.healthsync.model.AccountKey;
import java.util.ArrayList;
import java.util.List;

/**
 * identity.yaml's analytics rule: the event property that names an event's account
 * ({@code analytics_property}, default account_id) and what it holds ({@code analytics_value}: a CRM account
 * id, or a domain that is matched against the accounts' websites).
 */
public final class AccountProperty {

    private final String name;
    private final boolean domain;

    public AccountProperty(IdentityConfig identity) {
        IdentityConfig rules = identity == null ? IdentityConfig.defaults() : identity;
        this.name = rules.analyticsProperty() == null || rules.analyticsProperty().isBlank()
                ? "account_id" : rules.analyticsProperty();
        this.domain = "domain".equals(rules.analyticsValue());
    }

    public String name() {
        return name;
    }

    /**
     * The account keys in a property's value: a string or number, or an array of them (an Amplitude group
     * may hold several accounts, and the event then counts for each). Empty when the value names none.
     */
    public List<AccountKey> keysOf(JsonNode value) {
        List<AccountKey> keys = new ArrayList<>(1);
        if (value == null) {
            return keys;
        }
        if (value.isArray()) {
            for (JsonNode item : value) {
                add(keys, item);
            }
        } else {
            add(keys, value);
        }
        return keys;
    }

    private void add(List<AccountKey> keys, JsonNode value) {
        if (!value.isValueNode() || value.isNull()) {
            return;
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            return;
        }
        AccountKey key = domain ? AccountKey.domain(text) : AccountKey.crmId(text);
        if (key.value() != null && !keys.contains(key)) {
            keys.add(key);
        }
    }
}
