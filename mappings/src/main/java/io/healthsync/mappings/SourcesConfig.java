package io.healthsync.mappings;

import java.util.List;

/** sources.yaml: which sources are on, their schedules, endpoints, and where their credentials come from. */
public record SourcesConfig(Salesforce salesforce) {

    /**
     * @param cron            Quartz cron of the pull (e.g. "0 0/15 * * * ?")
     * @param loginUrl        the org's My Domain URL (https://MYDOMAIN.my.salesforce.com; client_credentials
     *                        needs it), https://login.salesforce.com or https://test.salesforce.com (jwt,
     *                        password), or the sandbox's URL
     * @param apiVersion      e.g. "60.0"
     * @param objects         which objects to pull, of Account, Task, Event, Opportunity, User
     * @param pageSize        records per query page (Salesforce: 200..2000)
     * @param lookbackSeconds each incremental pull re-reads this far behind its cursor, for late commits
     * @param historyDays     the first pull of activities reaches back this many days
     * @param apiBudget       how much of the org's daily API allowance healthsync may spend
     */
    public record Salesforce(
            boolean enabled,
            String cron,
            String loginUrl,
            String apiVersion,
            Auth auth,
            List<String> objects,
            int pageSize,
            int lookbackSeconds,
            int historyDays,
            ApiBudget apiBudget) {

        public Salesforce {
            objects = List.copyOf(objects);
            apiBudget = apiBudget == null ? ApiBudget.defaults() : apiBudget;
        }

        public Salesforce(boolean enabled, String cron, String loginUrl, String apiVersion, Auth auth,
                          List<String> objects, int pageSize, int lookbackSeconds, int historyDays) {
            this(enabled, cron, loginUrl, apiVersion, auth, objects, pageSize, lookbackSeconds, historyDays, null);
        }
    }

    /**
     * The org's daily API allowance is shared with every other integration: a run stops cleanly (cursors
     * and pending writes kept for the next run) once it has spent {@code maxSharePerRun} of the allowance,
     * or once the org as a whole has used {@code stopAtSharedUsage} of it (read from Sforce-Limit-Info).
     */
    public record ApiBudget(double maxSharePerRun, double stopAtSharedUsage) {
        public static ApiBudget defaults() {
            return new ApiBudget(0.25, 0.80);
        }
    }

    /**
     * @param flow client_credentials, jwt or password
     */
    public record Auth(
            String flow,
            SecretRef clientId,
            SecretRef clientSecret,
            SecretRef username,
            SecretRef password,
            SecretRef jwtKeyFile) {
    }
}
