package io.healthsync.mappings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads sources.yaml into a {@link SourcesConfig}. Secrets are only ever named, never read from here. */
final class SourcesReader {

    static final List<String> OBJECTS = List.of("Account", "Task", "Event", "Opportunity", "User");
    static final List<String> FLOWS = List.of("client_credentials", "jwt", "password");
    private static final List<String> SECRETS = List.of("client_id", "client_secret", "username", "password",
            "jwt_key_file");
    private static final List<String> AUTH_KEYS = List.of("flow", "client_id", "client_secret", "username", "password",
            "jwt_key_file");
    /** A billion records: beyond any org's object, so it also means "never in bulk". */
    private static final int MAX_BULK_QUERY_THRESHOLD = 1_000_000_000;
    private static final Pattern API_VERSION = Pattern.compile("\\d{2}\\.0");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private SourcesReader() {
    }

    static SourcesConfig read(ConfigFile file, String text) {
        Section root = file.root(text, "salesforce", "zendesk", "stripe", "amplitude", "mixpanel",
                "server");
        Section sf = root.section("salesforce", List.of("enabled", "cron", "login_url", "api_version", "auth",
                "objects", "page_size", "lookback_seconds", "history_days", "api_budget", "bulk_query_threshold"));
        Boolean enabled = sf.bool("enabled");
        String cron = cron(file, sf);
        String loginUrl = loginUrl(file, sf);
        String apiVersion = sf.text("api_version");
        if (apiVersion != null && !API_VERSION.matcher(apiVersion).matches()) {
            file.error(sf.required("api_version"), sf.path("api_version"), "expected a Salesforce API version like "
                    + "\"60.0\" (two digits, then .0), got \"" + apiVersion + "\"");
        }
        SourcesConfig.Auth auth = auth(file, sf.section("auth", AUTH_KEYS));
        List<String> objects = objects(file, sf);
        Integer pageSize = sf.integer("page_size", 200, 2000);
        Integer lookbackSeconds = sf.integer("lookback_seconds", 0, 3600);
        Integer historyDays = sf.integer("history_days", 1, 3650);
        Integer bulkQueryThreshold = sf.has("bulk_query_threshold")
                ? sf.integer("bulk_query_threshold", 0, MAX_BULK_QUERY_THRESHOLD) : null;
        SourcesConfig.ApiBudget apiBudget = apiBudget(sf.optionalSection("api_budget",
                List.of("max_share_per_run", "stop_at_org_usage")));

        java.util.Map<String, SourcesConfig.HttpSourceConfig> http = HttpSourcesReader.read(file, root);
        SourcesConfig.Server server = server(file, root.optionalSection("server", List.of("port", "api_token")));

        if (file.hasErrors()) {
            return null;
        }
        return new SourcesConfig(new SourcesConfig.Salesforce(enabled, cron, loginUrl, apiVersion, auth, objects,
                pageSize, lookbackSeconds, historyDays, apiBudget, bulkQueryThreshold == null
                        ? SourcesConfig.Salesforce.DEFAULT_BULK_QUERY_THRESHOLD : bulkQueryThreshold), http, server);
    }

    /** Optional: `run`'s HTTP port (0: none) and where the read API's token comes from; missing keys keep the defaults. */
    private static SourcesConfig.Server server(ConfigFile file, Section server) {
        SourcesConfig.Server defaults = SourcesConfig.Server.defaults();
        if (!server.present()) {
            return defaults;
        }
        Integer port = server.has("port") ? server.integer("port", 0, 65535) : null;
        SecretRef token = server.has("api_token") ? secret(file, server, "api_token") : null;
        return new SourcesConfig.Server(port == null ? defaults.port() : port,
                token == null ? defaults.apiToken() : token);
    }

    /** Optional: shares of the org's daily API allowance (0-1); missing keys keep the defaults. */
    private static SourcesConfig.ApiBudget apiBudget(Section budget) {
        SourcesConfig.ApiBudget defaults = SourcesConfig.ApiBudget.defaults();
        if (!budget.present()) {
            return defaults;
        }
        Double perRun = budget.has("max_share_per_run") ? budget.number("max_share_per_run", 0.01, 1.0) : null;
        Double orgUsage = budget.has("stop_at_org_usage") ? budget.number("stop_at_org_usage", 0.01, 1.0) : null;
        return new SourcesConfig.ApiBudget(perRun == null ? defaults.maxSharePerRun() : perRun,
                orgUsage == null ? defaults.stopAtSharedUsage() : orgUsage);
    }

    /** A light check that catches the usual slip, a 5-field Unix cron; Quartz itself parses it at start. */
    static String cron(ConfigFile file, Section sf) {
        return cron(file, sf, "cron");
    }

    static String cron(ConfigFile file, Section sf, String key) {
        String cron = sf.text(key);
        if (cron == null) {
            return null;
        }
        int fields = cron.trim().split("\\s+").length;
        if (fields != 6 && fields != 7) {
            file.error(sf.required(key), sf.path(key), "expected a Quartz cron expression with 6 or 7 fields "
                    + "(seconds minutes hours day-of-month month day-of-week [year]), e.g. \"0 0/15 * * * ?\"; got "
                    + fields + " field(s) in \"" + cron + "\"");
            return null;
        }
        return cron.trim();
    }

    private static String loginUrl(ConfigFile file, Section sf) {
        return httpUrl(file, sf, "login_url", "your My Domain URL https://MYDOMAIN.my.salesforce.com");
    }

    /** An HTTP source's base URL: checked like any URL, without a trailing slash (paths are appended to it). */
    static String url(ConfigFile file, Section section, String key, String example) {
        String url = httpUrl(file, section, key, example);
        return url != null && url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** An http(s) URL with a host, as written, or an error that says what was expected. */
    private static String httpUrl(ConfigFile file, Section section, String key, String example) {
        String url = section.text(key);
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below, like any other non-URL
        }
        file.error(section.required(key), section.path(key), "expected an http(s) URL such as " + example
                + ", got \"" + url + "\"");
        return null;
    }

    private static SourcesConfig.Auth auth(ConfigFile file, Section auth) {
        String flow = auth.text("flow");
        if (flow != null && !FLOWS.contains(flow)) {
            file.error(auth.required("flow"), auth.path("flow"), "expected one of: " + String.join(", ", FLOWS)
                    + ", got \"" + flow + "\"");
        }
        List<SecretRef> refs = new ArrayList<>();
        for (String key : SECRETS) {
            refs.add(secret(file, auth, key));
        }
        return new SourcesConfig.Auth(flow, refs.get(0), refs.get(1), refs.get(2), refs.get(3), refs.get(4));
    }

    /** Where a secret comes from. Messages here never quote the value: it may be the secret itself. */
    static SecretRef secret(ConfigFile file, Section auth, String key) {
        Node node = auth.optional(key);
        if (node == null) {
            return null;
        }
        String path = auth.path(key);
        if (!(node instanceof MappingNode)) {
            String what = node instanceof ScalarNode ? "a value is written here; secrets must not be in this file"
                    : "got a list";
            file.error(node, path, what + "; expected { env: NAME } (an environment variable) "
                    + "or { file: PATH } (a file holding the secret)");
            return null;
        }
        Section ref = file.mapping(node, path, auth.keyNode(key), List.of("env", "file"));
        String env = secretPart(file, ref, "env");
        String secretFile = secretPart(file, ref, "file");
        if (env != null && !ENV_NAME.matcher(env).matches()) {
            file.error(ref.required("env"), ref.path("env"), "not an environment variable name; expected letters, "
                    + "digits and underscores, not starting with a digit (e.g. SF_CLIENT_SECRET)");
            return null;
        }
        if (((MappingNode) node).getValue().isEmpty()) {
            file.error(node, path, "expected { env: NAME } or { file: PATH }, got an empty mapping");
        }
        if (env == null && secretFile == null) {
            return null;
        }
        return new SecretRef(env, secretFile);
    }

    private static String secretPart(ConfigFile file, Section ref, String key) {
        if (!ref.has(key)) {
            return null;
        }
        Node node = ref.required(key);
        if (node instanceof ScalarNode scalar && !ConfigFile.isNull(node) && !scalar.getValue().isBlank()) {
            return scalar.getValue();
        }
        file.error(node, ref.path(key), "expected " + (key.equals("env") ? "an environment variable name" : "a file path")
                + ", got " + (node instanceof ScalarNode ? "nothing" : "a list or mapping"));
        return null;
    }

    private static List<String> objects(ConfigFile file, Section sf) {
        List<Node> nodes = sf.list("objects", "Salesforce object names");
        if (nodes == null) {
            return null;
        }
        List<String> objects = new ArrayList<>();
        boolean allKnown = true;
        for (int i = 0; i < nodes.size(); i++) {
            String path = sf.path("objects") + "[" + i + "]";
            String object = file.text(nodes.get(i), path);
            if (object == null || !OBJECTS.contains(object)) {
                allKnown = false;
            }
            if (object == null) {
                continue;
            }
            if (!OBJECTS.contains(object)) {
                file.error(nodes.get(i), path, "unknown object \"" + object + "\"; expected one of: "
                        + String.join(", ", OBJECTS));
            } else if (objects.contains(object)) {
                file.error(nodes.get(i), path, object + " is listed twice; expected each object once");
            } else {
                objects.add(object);
            }
        }
        if (allKnown && !objects.contains("Account")) {
            file.error(sf.keyNode("objects"), sf.path("objects"), "Account is missing; expected it in the list, "
                    + "since every score is about an account");
        }
        return objects;
    }
}
