package io.healthsync.routes;

import io.healthsync.connectors.amplitude.AmplitudeSource;
import io.healthsync.connectors.mixpanel.MixpanelSource;
import io.healthsync.connectors.source.HttpSource;
import io.healthsync.connectors.stripe.StripeSource;
import io.healthsync.connectors.zendesk.ZendeskSource;
import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.mappings.SourcesConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The enabled HTTP sources of sources.yaml, each built with its resolved credentials. A source that
 * cannot be built (a credential missing) is kept as the reason, so that each of its runs fails with that
 * reason and the others go on: a missing Zendesk token never stops the CRM sync.
 */
final class HttpSources {

    /** A source ready to pull, or why it is not. */
    record Built(SourcesConfig.HttpSourceConfig config, HttpSource source, String problem) {
    }

    private HttpSources() {
    }

    static Map<String, Built> enabled(HealthsyncConfig config, Map<String, String> env) {
        Map<String, Built> built = new LinkedHashMap<>();
        for (SourcesConfig.HttpSourceConfig source : config.sources().enabledHttpSources()) {
            Map<String, String> credentials = new LinkedHashMap<>();
            StringBuilder missing = new StringBuilder();
            source.auth().forEach((name, ref) -> {
                var value = ref.resolve(env);
                if (value.isPresent()) {
                    credentials.put(name, value.get());
                } else {
                    missing.append(missing.isEmpty() ? "" : ", ").append(name).append(" (").append(ref.describe()).append(")");
                }
            });
            if (!missing.isEmpty()) {
                built.put(source.name(), new Built(source, null, source.name() + " is enabled in sources.yaml but "
                        + "its credentials are not set: " + missing));
                continue;
            }
            try {
                built.put(source.name(), new Built(source, create(config, source, credentials), null));
            } catch (IllegalArgumentException e) {
                built.put(source.name(), new Built(source, null, source.name() + ": " + e.getMessage()));
            }
        }
        return built;
    }

    private static HttpSource create(HealthsyncConfig config, SourcesConfig.HttpSourceConfig source,
                                     Map<String, String> credentials) {
        return switch (source.name()) {
            case "zendesk" -> new ZendeskSource(source, config.identity(), config.taxonomy().cancellationPhrases(),
                    credentials);
            case "stripe" -> new StripeSource(source, config.identity(), credentials);
            case "amplitude" -> new AmplitudeSource(source, config.identity(), credentials);
            case "mixpanel" -> new MixpanelSource(source, config.identity(), credentials);
            default -> throw new IllegalArgumentException("unknown source " + source.name());
        };
    }
}
