package io.healthsync.connectors.zendesk;

import io.healthsync.connectors.source.UnmappableRecord;
import com.fasterxml.jackson.databind.JsonNode;
import io.healthsync.connectors.source.AccountLink;
import io.healthsync.model.AccountKey;
import java.util.ArrayList;
import java.util.List;

/**
 * A Zendesk organization as an {@link AccountLink}: tickets link to it by its id, and it finds its CRM
 * account by the keys identity.yaml lists under zendesk.organization, in that order: external_id (holds
 * the CRM account id), domain (each of its domain_names).
 */
final class OrganizationMapper {

    private final List<String> keyOrder;

    OrganizationMapper(List<String> keyOrder) {
        this.keyOrder = List.copyOf(keyOrder);
    }

    AccountLink map(JsonNode org, String where) throws UnmappableRecord {
        String id = ZendeskJson.id(org.path("id"));
        if (id == null) {
            throw new UnmappableRecord(where + ".id is missing or not an integer");
        }
        List<AccountKey> keys = new ArrayList<>();
        for (String key : keyOrder) {
            switch (key) {
                case "external_id" -> {
                    String externalId = ZendeskJson.text(org.path("external_id"));
                    if (externalId != null) {
                        keys.add(AccountKey.crmId(externalId.trim()));
                    }
                }
                case "domain" -> org.path("domain_names").forEach(d -> {
                    if (d.isTextual()) {
                        keys.add(AccountKey.domain(d.asText()));
                    }
                });
                default -> throw new IllegalStateException("zendesk: unknown organization key '" + key
                        + "' in identity.yaml; expected one of external_id, domain");
            }
        }
        return new AccountLink(id, ZendeskJson.text(org.path("name")), keys);
    }
}
