package io.healthsync.model;

import java.util.Locale;

/**
 * One way a source's record may find its CRM account, as identity.yaml orders them: the CRM account id
 * itself (a Zendesk organization's external_id, a Stripe customer's metadata), an email or web domain, or
 * a link to a source entity that has found its account already (a ticket's organization, an invoice's
 * customer).
 */
public record AccountKey(Kind kind, String value) {

    public enum Kind {
        CRM_ID,
        DOMAIN,
        /** A source entity id (e.g. Zendesk organization 123): resolved through the entity's own keys. */
        LINK;

        /** Computed once: asked for per record matched, lower-casing the name each time showed in profiles. */
        private final String key = name().toLowerCase(Locale.ROOT);

        public String key() {
            return key;
        }
    }

    public static AccountKey crmId(String id) {
        return new AccountKey(Kind.CRM_ID, id);
    }

    /** A domain, from a bare domain, a URL or an email address: lower case, without "www.". */
    public static AccountKey domain(String domainUrlOrEmail) {
        return new AccountKey(Kind.DOMAIN, Domains.normalize(domainUrlOrEmail));
    }

    public static AccountKey link(String entityId) {
        return new AccountKey(Kind.LINK, entityId);
    }

    @Override
    public String toString() {
        return kind.key() + "=" + value;
    }
}
