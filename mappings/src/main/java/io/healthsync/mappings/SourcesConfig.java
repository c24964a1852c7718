package io.healthsync.mappings;

import java.util.List;

/** sources.yaml: which sources are on, their schedules, endpoints, and where their credentials come from. */
public record SourcesConfig(Salesforce salesforce) {

    /**
     * @param cron            Quartz cron of the pull (e.g. "0 0/15 * * * ?")
     * @param loginUrl        https://login.salesforce.com, https://test.salesforce.com, or the sandbox's URL
     * @param apiVersion      e.g. "60.0"
     * @param objects         which objects to pull, of Account, Task, Event, Opportunity, User
     * @param pageSize        records per query page (Salesforce: 200..2000)
     * @param lookbackSeconds each incremental pull re-reads this far behind its cursor, for late commits
     * @param historyDays     the first pull of activities reaches back this many days
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
            int historyDays) {

        public Salesforce {
            objects = List.copyOf(objects);
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
