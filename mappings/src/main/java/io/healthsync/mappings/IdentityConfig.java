package io.healthsync.mappings;

import java.util.List;

/**
 * identity.yaml: how each source's records find their CRM account. Each list is the keys tried in
 * order; the first that finds exactly one account wins. A record that finds none is kept in the
 * unmatched table and reported, and tried again on later runs.
 *
 * @param zendeskOrganization keys of a Zendesk organization: external_id (holds the CRM account id),
 *                            domain (its domain_names)
 * @param zendeskTicket       keys of a ticket: organization (through its organization), requester_domain
 *                            (the requester's email domain)
 * @param stripeCustomer      keys of a Stripe customer: metadata (the CRM account id in metadata under
 *                            {@code stripeMetadataKey}), email_domain
 * @param stripeMetadataKey   the customer metadata key holding the CRM account id
 * @param analyticsProperty   Amplitude: the group type (or user/event property) naming the account;
 *                            Mixpanel: the event property naming the account
 * @param analyticsValue      what that property holds: crm_id or domain
 */
public record IdentityConfig(
        List<String> zendeskOrganization,
        List<String> zendeskTicket,
        List<String> stripeCustomer,
        String stripeMetadataKey,
        String analyticsProperty,
        String analyticsValue) {

    public static final List<String> ZENDESK_ORGANIZATION_KEYS = List.of("external_id", "domain");
    public static final List<String> ZENDESK_TICKET_KEYS = List.of("organization", "requester_domain");
    public static final List<String> STRIPE_CUSTOMER_KEYS = List.of("metadata", "email_domain");
    public static final List<String> ANALYTICS_VALUES = List.of("crm_id", "domain");

    public IdentityConfig {
        zendeskOrganization = List.copyOf(zendeskOrganization);
        zendeskTicket = List.copyOf(zendeskTicket);
        stripeCustomer = List.copyOf(stripeCustomer);
    }

    /** The shipped defaults (identity.yaml in the defaults). */
    public static IdentityConfig defaults() {
        return new IdentityConfig(ZENDESK_ORGANIZATION_KEYS, ZENDESK_TICKET_KEYS, STRIPE_CUSTOMER_KEYS,
                "salesforce_account_id", "account_id", "crm_id");
    }
}
