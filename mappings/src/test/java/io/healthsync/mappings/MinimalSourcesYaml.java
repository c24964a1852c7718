package io.healthsync.mappings;

/** A sources.yaml with only the Salesforce source, for tests of one setting: {@code more} is appended as is. */
final class MinimalSourcesYaml {

    private MinimalSourcesYaml() {
    }

    static String salesforceOnly(String more) {
        return """
                salesforce:
                  enabled: true
                  cron: "0 0/15 * * * ?"
                  login_url: https://login.salesforce.com
                  api_version: "60.0"
                  auth:
                    flow: client_credentials
                    client_id: { env: SF_CLIENT_ID }
                    client_secret: { env: SF_CLIENT_SECRET }
                  objects: [Account]
                  page_size: 2000
                  lookback_seconds: 60
                  history_days: 730
                """ + more;
    }
}
