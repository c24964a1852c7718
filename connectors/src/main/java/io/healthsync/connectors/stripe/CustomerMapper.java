package io.healthsync.connectors.stripe;

import io.healthsync.connectors.source.UnmappableRecord;
import com.fasterxml.jackson.databind.JsonNode;
import io.healthsync.connectors.source.AccountLink;
import io.healthsync.connectors.source.SourcePage;
import io.healthsync.mappings.IdentityConfig;
import io.healthsync.model.AccountKey;
import java.util.ArrayList;
import java.util.List;

/**
 * A Stripe customer becomes an {@link AccountLink}: subscriptions and invoices point at it, and it finds
 * its CRM account by the keys identity.yaml lists for stripe customers, in that order: {@code metadata}
 * (the CRM account id kept in the customer's metadata under {@code stripe_metadata_key}) and
 * {@code email_domain} (the domain of the customer's email).
 */
final class CustomerMapper {

    private final IdentityConfig identity;

    CustomerMapper(IdentityConfig identity) {
        this.identity = identity;
    }

    void map(JsonNode customer, SourcePage page) throws UnmappableRecord {
        String id = StripeJson.required(customer, "id", "customer");
        if (customer.path("deleted").asBoolean(false)) {
            return;
        }
        List<AccountKey> keys = new ArrayList<>();
        for (String key : identity.stripeCustomer()) {
            switch (key) {
                case "metadata" -> keys.add(AccountKey.crmId(
                        StripeJson.text(customer.path("metadata"), identity.stripeMetadataKey())));
                case "email_domain" -> keys.add(AccountKey.domain(StripeJson.text(customer, "email")));
                default -> {
                    // identity.yaml's validator names the keys it knows; an unknown one finds nothing here
                }
            }
        }
        String name = StripeJson.text(customer, "name");
        page.links().add(new AccountLink(id, name != null ? name : StripeJson.text(customer, "description"), keys));
    }
}
