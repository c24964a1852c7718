package io.healthsync.sandbox;

import io.healthsync.sandbox.amplitude.AmplitudeApi;
import io.healthsync.sandbox.company.Feature;
import io.healthsync.sandbox.company.SyntheticCompany;
import io.healthsync.sandbox.company.UsageEventCache;
import io.healthsync.sandbox.http.ApiFaults;
import io.healthsync.sandbox.http.ApiServer;
import io.healthsync.sandbox.http.SourceApi;
import io.healthsync.sandbox.mixpanel.MixpanelApi;
import io.healthsync.sandbox.stripe.StripeApi;
import io.healthsync.sandbox.zendesk.ZendeskApi;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stand-in Zendesk, Stripe, Amplitude and Mixpanel APIs of the demo, each on its own embedded WireMock
 * server (a free port each), all fed by one {@link SyntheticCompany} made from the Salesforce sandbox's
 * accounts, seed and today. Nothing is written to them, so nothing is persisted: the same Salesforce org
 * (same seed, accounts and saved day) makes the same company again. Call counters start at 0 each start.
 */
public final class SourceSandboxes implements AutoCloseable {

    public static final List<String> APIS = List.of("zendesk", "stripe", "amplitude", "mixpanel");

    private static final Logger LOG = LoggerFactory.getLogger(SourceSandboxes.class);

    private final SyntheticCompany company;
    private final Map<String, ApiServer> servers = new LinkedHashMap<>();

    private SourceSandboxes(SyntheticCompany company, SourceSandboxOptions options, Clock clock) {
        this.company = company;
        UsageEventCache events = new UsageEventCache(company);
        try {
            add(new ZendeskApi(company, clock), options, 1);
            add(new StripeApi(company), options, options.stripeRetryAfter() ? 1 : 0);
            add(new AmplitudeApi(company, events), options, 1);
            add(new MixpanelApi(company, events, clock, options.mixpanelQueriesPerSecond()), options, 1);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts the four APIs for the Salesforce sandbox's company. */
    public static SourceSandboxes start(SalesforceSandbox salesforce, SourceSandboxOptions options) {
        return start(salesforce, options, Clock.systemUTC());
    }

    /** With the APIs' clock: a test that pins the day pins what the APIs serve as of it. */
    public static SourceSandboxes start(SalesforceSandbox salesforce, SourceSandboxOptions options, Clock clock) {
        long started = System.nanoTime();
        SyntheticCompany company = SyntheticCompany.of(salesforce.accountProfiles(), salesforce.seed(),
                salesforce.today(), options.usersPerTrackedUser());
        LOG.info("Synthetic company ready in {} ms: {} customers ({} unknown to the CRM), {} tickets",
                (System.nanoTime() - started) / 1_000_000, company.accounts().size(),
                company.accounts().size() - company.crmAccounts().size(), company.tickets().size());
        return new SourceSandboxes(company, options, clock);
    }

    private void add(SourceApi api, SourceSandboxOptions options, int retryAfterSeconds) {
        ApiFaults faults = new ApiFaults(options.rateLimitEvery(), options.outageBurst(), options.malformedPageOnCall());
        servers.put(api.name(), new ApiServer(api, 0, faults, retryAfterSeconds));
    }

    /** The API's base URL, http://localhost:PORT, for sources.yaml's base_url. */
    public String baseUrl(String api) {
        return server(api).baseUrl();
    }

    /**
     * The fixed demo credentials the API accepts, by sources.yaml auth name: zendesk email, api_token;
     * stripe secret_key; amplitude api_key, secret_key; mixpanel username, secret, project_id.
     */
    public Map<String, String> credentials(String api) {
        return switch (api) {
            case "zendesk" -> Map.of("email", ZendeskApi.EMAIL, "api_token", ZendeskApi.API_TOKEN);
            case "stripe" -> Map.of("secret_key", StripeApi.SECRET_KEY);
            case "amplitude" -> Map.of("api_key", AmplitudeApi.API_KEY, "secret_key", AmplitudeApi.SECRET_KEY);
            case "mixpanel" -> Map.of("username", MixpanelApi.SERVICE_ACCOUNT, "secret", MixpanelApi.SECRET,
                    "project_id", MixpanelApi.PROJECT_ID);
            default -> throw unknown(api);
        };
    }

    /** The analytics features and their events, as sources.yaml's features section wants them. */
    public Map<String, List<String>> features() {
        return Feature.asConfig();
    }

    /** Requests answered by the API since start, refusals and injected faults included. */
    public long callsServed(String api) {
        return server(api).callsServed();
    }

    /** Requests by path, plus unauthorized, rate_limited, unavailable and malformed. */
    public Map<String, Long> callsByKind(String api) {
        return server(api).callsByKind();
    }

    public SyntheticCompany company() {
        return company;
    }

    /** What the company's data was made to show: the effects a model should recover (see the company package). */
    public String plantedEffects() {
        return company.plantedEffects();
    }

    @Override
    public void close() {
        for (ApiServer server : servers.values()) {
            try {
                server.close();
            } catch (RuntimeException e) {
                LOG.warn("Could not stop a source sandbox: {}", e.getMessage());
            }
        }
    }

    private ApiServer server(String api) {
        ApiServer server = servers.get(api);
        if (server == null) {
            throw unknown(api);
        }
        return server;
    }

    private static IllegalArgumentException unknown(String api) {
        return new IllegalArgumentException("no source sandbox named '" + api + "'; the sandboxes are " + APIS);
    }
}
