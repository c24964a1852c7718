package io.healthsync.connectors.salesforce;

import io.healthsync.mappings.SecretRef;
import io.healthsync.mappings.SourcesConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;

/**
 * Configures camel-salesforce from sources.yaml and the credentials it names. Secrets are read from
 * the environment or files only here, set on the component (never in an endpoint URI, which Camel
 * logs), and a missing one fails at start with the setting and where to provide it.
 */
public final class SalesforceComponentFactory {

    /**
     * The largest response body read (Jetty's default is 4 MB): a Bulk API 2.0 ingest job's results for 100,000
     * accounts (an Id, sf__Created and the fields per row), and a bulk query results page of
     * BulkQueryOptions.maxRecordsPerPage records, are each read whole.
     */
    static final int MAX_RESPONSE_BYTES = 128 * 1024 * 1024;

    private SalesforceComponentFactory() {
    }

    /** A required credential is missing; the message lists each one and the variable or file that provides it. */
    public static final class MissingCredentialsException extends RuntimeException {
        public MissingCredentialsException(List<String> missing) {
            super("Salesforce credentials missing:\n  - " + String.join("\n  - ", missing)
                    + "\n(sources.yaml salesforce.auth names where each comes from)");
        }
    }

    /** The JWT key file is missing or holds no usable key; the one-line message names the setting and the path, never the key. */
    public static final class UnusableKeyFileException extends RuntimeException {
        public UnusableKeyFileException(String message) {
            super(message);
        }
    }

    public static ObservedSalesforceComponent create(SourcesConfig.Salesforce settings, Map<String, String> env) {
        SourcesConfig.Auth auth = settings.auth();
        List<String> missing = new ArrayList<>();
        String flow = auth.flow() == null ? "client_credentials" : auth.flow();
        String clientId = require("client_id", auth.clientId(), env, missing);
        String jwtKeyFile = null;
        ObservedSalesforceComponent component = new ObservedSalesforceComponent();
        component.setLoginUrl(settings.loginUrl());
        component.setClientId(clientId);
        switch (flow) {
            case "password" -> {
                component.setClientSecret(require("client_secret", auth.clientSecret(), env, missing));
                component.setUserName(require("username", auth.username(), env, missing));
                component.setPassword(require("password", auth.password(), env, missing));
                component.setAuthenticationType(AuthenticationType.USERNAME_PASSWORD);
            }
            case "jwt" -> {
                component.setUserName(require("username", auth.username(), env, missing));
                jwtKeyFile = require("jwt_key_file", auth.jwtKeyFile(), env, missing);
                component.setAuthenticationType(AuthenticationType.JWT);
                jwtAudience(settings.loginUrl()).ifPresent(component::setJwtAudience);
            }
            default -> {
                component.setClientSecret(require("client_secret", auth.clientSecret(), env, missing));
                component.setAuthenticationType(AuthenticationType.CLIENT_CREDENTIALS);
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingCredentialsException(missing);
        }
        if (jwtKeyFile != null) {
            // read now, so a wrong key file stops the start rather than the first login
            component.setKeystore(JwtKeyFile.keystoreParameters(jwtKeyFile, auth.jwtKeyFile().describe(),
                    optional(auth.password(), env)));
        }
        SalesforceEndpointConfig config = new SalesforceEndpointConfig();
        config.setApiVersion(settings.apiVersion());
        config.setRawPayload(true);
        component.setConfig(config);
        component.setHttpMaxContentLength(MAX_RESPONSE_BYTES);
        component.setPackages("io.healthsync.connectors.salesforce");
        return component;
    }

    /**
     * Salesforce accepts a JWT bearer assertion only with the audience https://login.salesforce.com (production)
     * or https://test.salesforce.com (sandboxes), even when the token is asked for at the org's My Domain URL;
     * camel-salesforce would send the login URL itself. Any other host (a stand-in, an Experience Cloud site)
     * keeps camel-salesforce's default.
     */
    static java.util.Optional<String> jwtAudience(String loginUrl) {
        String host = java.net.URI.create(loginUrl.trim()).getHost();
        if (host == null) {
            return java.util.Optional.empty();
        }
        host = host.toLowerCase(java.util.Locale.ROOT);
        if (host.equals("test.salesforce.com") || host.endsWith(".sandbox.my.salesforce.com")) {
            return java.util.Optional.of("https://test.salesforce.com");
        }
        if (host.equals("login.salesforce.com") || host.endsWith(".my.salesforce.com")) {
            return java.util.Optional.of("https://login.salesforce.com");
        }
        return java.util.Optional.empty();
    }

    private static String require(String name, SecretRef ref, Map<String, String> env, List<String> missing) {
        if (ref == null) {
            missing.add(name + ": not configured (add salesforce.auth." + name + ": { env: NAME } to sources.yaml)");
            return null;
        }
        return ref.resolve(env).orElseGet(() -> {
            missing.add(name + ": set " + ref.describe());
            return null;
        });
    }

    private static String optional(SecretRef ref, Map<String, String> env) {
        return ref == null ? null : ref.resolve(env).orElse(null);
    }
}
