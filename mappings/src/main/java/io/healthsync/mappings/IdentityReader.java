package io.healthsync.mappings;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/** Reads identity.yaml into an {@link IdentityConfig}; every section may be left out (the defaults stand). */
final class IdentityReader {

    private IdentityReader() {
    }

    static IdentityConfig read(ConfigFile file, String text) {
        IdentityConfig d = IdentityConfig.defaults();
        Section root = file.root(text, "zendesk", "stripe", "analytics");
        Section zendesk = root.optionalSection("zendesk", List.of("organization", "ticket"));
        Section stripe = root.optionalSection("stripe", List.of("customer", "metadata_key"));
        Section analytics = root.optionalSection("analytics", List.of("account_property", "value"));

        List<String> organization = keys(file, zendesk, "organization", IdentityConfig.ZENDESK_ORGANIZATION_KEYS,
                d.zendeskOrganization());
        List<String> ticket = keys(file, zendesk, "ticket", IdentityConfig.ZENDESK_TICKET_KEYS, d.zendeskTicket());
        List<String> customer = keys(file, stripe, "customer", IdentityConfig.STRIPE_CUSTOMER_KEYS, d.stripeCustomer());
        String metadataKey = stripe.present() && stripe.has("metadata_key") ? stripe.text("metadata_key") : d.stripeMetadataKey();
        String property = analytics.present() && analytics.has("account_property")
                ? analytics.text("account_property") : d.analyticsProperty();
        String value = analytics.present() && analytics.has("value") ? analytics.text("value") : d.analyticsValue();
        if (value != null && !IdentityConfig.ANALYTICS_VALUES.contains(value)) {
            file.error(analytics.required("value"), analytics.path("value"), "expected one of: "
                    + String.join(", ", IdentityConfig.ANALYTICS_VALUES) + ", got \"" + value + "\"");
        }
        if (file.hasErrors()) {
            return null;
        }
        return new IdentityConfig(organization, ticket, customer, metadataKey, property, value);
    }

    /** A list of known key names, each once, at least one. */
    private static List<String> keys(ConfigFile file, Section section, String key, List<String> known,
                                     List<String> fallback) {
        if (!section.present() || !section.has(key)) {
            return fallback;
        }
        List<Node> nodes = section.list(key, "key names");
        if (nodes == null) {
            return fallback;
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String path = section.path(key) + "[" + i + "]";
            String name = file.text(nodes.get(i), path);
            if (name == null) {
                continue;
            }
            if (!known.contains(name)) {
                file.error(nodes.get(i), path, "unknown key \"" + name + "\"; expected one of: " + String.join(", ", known));
            } else if (keys.contains(name)) {
                file.error(nodes.get(i), path, name + " is listed twice; expected each key once");
            } else {
                keys.add(name);
            }
        }
        if (keys.isEmpty() && nodes.isEmpty()) {
            file.error(section.keyNode(key), section.path(key), "expected at least one of: " + String.join(", ", known));
        }
        return keys;
    }
}
