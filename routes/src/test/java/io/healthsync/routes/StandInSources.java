package io.healthsync.routes;

import io.healthsync.mappings.HealthsyncConfig;
import io.healthsync.mappings.SecretRef;
import io.healthsync.mappings.SourcesConfig;
import io.healthsync.sandbox.SalesforceSandbox;
import io.healthsync.sandbox.SourceSandboxes;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A config and an environment that point Salesforce and the given HTTP sources at the sandboxes, with their
 * demo credentials under environment-variable names (as a real config names them): what the end-to-end tests
 * share.
 */
final class StandInSources {

    private final HealthsyncConfig defaults;
    private final SalesforceSandbox salesforce;
    private final SourceSandboxes others;
    private final List<String> sources;
    private final Map<String, String> env = new HashMap<>(Map.of("T_ID", "client", "T_SECRET", "s3cr3t"));

    StandInSources(HealthsyncConfig defaults, SalesforceSandbox salesforce, SourceSandboxes others, List<String> sources) {
        this.defaults = defaults;
        this.salesforce = salesforce;
        this.others = others;
        this.sources = List.copyOf(sources);
        for (String source : sources) {
            // the Stripe stand-in calls its key secret_key; sources.yaml calls it api_key
            others.credentials(source).forEach((key, value) -> env.put(envName(source,
                    source.equals("stripe") && key.equals("secret_key") ? "api_key" : key), value));
        }
    }

    Map<String, String> env() {
        return env;
    }

    /**
     * @param historyDays how far back the first pulls reach (the HTTP sources; Salesforce too when
     *                    {@code salesforceHistoryToo})
     * @param resilience  every source's resilience, or null for each one's shipped defaults
     * @param baseUrls    sources aimed elsewhere than their stand-in (e.g. at a dead port)
     * @param cron        every HTTP source's cron, or null for the shipped ones
     */
    HealthsyncConfig config(int historyDays, boolean salesforceHistoryToo, SourcesConfig.Resilience resilience,
                            Map<String, String> baseUrls, String cron) {
        SourcesConfig.Salesforce sf = defaults.sources().salesforce();
        SourcesConfig.Auth auth = new SourcesConfig.Auth("client_credentials", new SecretRef("T_ID", null),
                new SecretRef("T_SECRET", null), null, null, null);
        Map<String, SourcesConfig.HttpSourceConfig> http = new LinkedHashMap<>();
        for (String name : sources) {
            SourcesConfig.HttpSourceConfig shipped = defaults.sources().http(name).orElseThrow();
            Map<String, SecretRef> secrets = new LinkedHashMap<>();
            shipped.auth().keySet().forEach(key -> secrets.put(key, new SecretRef(envName(name, key), null)));
            http.put(name, new SourcesConfig.HttpSourceConfig(name, true, cron == null ? shipped.cron() : cron,
                    baseUrls.getOrDefault(name, others.baseUrl(name)), secrets, shipped.pageSize(), historyDays,
                    resilience == null ? shipped.resilience() : resilience,
                    name.equals("amplitude") ? others.features() : Map.of(), Map.of()));
        }
        return defaults.withSources(new SourcesConfig(new SourcesConfig.Salesforce(true, sf.cron(), salesforce.loginUrl(),
                sf.apiVersion(), auth, sf.objects(), sf.pageSize(), sf.lookbackSeconds(),
                salesforceHistoryToo ? historyDays : sf.historyDays()), http));
    }

    private static String envName(String source, String key) {
        return ("T_" + source + "_" + key).toUpperCase();
    }
}
