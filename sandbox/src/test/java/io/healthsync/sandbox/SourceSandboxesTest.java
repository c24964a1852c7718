package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceSandboxesTest {

    @Test
    void each_api_has_its_own_base_url_credentials_and_call_count_and_the_company_shares_the_org_accounts() {
        try (SourceSandboxFixture fixture = SourceSandboxFixture.start(50, SourceSandboxOptions.defaults())) {
            SourceSandboxes sources = fixture.sources;
            Set<String> urls = new HashSet<>();
            for (String api : SourceSandboxes.APIS) {
                assertThat(sources.baseUrl(api)).startsWith("http://localhost:");
                urls.add(sources.baseUrl(api));
                assertThat(sources.credentials(api)).isNotEmpty();
                assertThat(sources.callsServed(api)).isZero();
            }
            assertThat(urls).hasSize(4);
            assertThat(sources.company().crmAccounts()).hasSize(50);
            assertThat(sources.company().crmAccounts().get(0).account().crmId())
                    .isEqualTo(fixture.salesforce.accountProfiles().get(0).id());
            assertThat(sources.company().today()).isEqualTo(fixture.salesforce.today());
            assertThat(sources.plantedEffects()).contains("churn at a renewal").contains("expansion");
            assertThat(sources.features()).containsKeys("dashboards", "reports", "integrations", "automation",
                    "collaboration");
            SourceSandboxFixture.get(sources.baseUrl("stripe") + "/v1/customers", null);
            assertThat(sources.callsServed("stripe")).isEqualTo(1);
            assertThatThrownBy(() -> sources.baseUrl("hubspot")).hasMessageContaining("zendesk");
        }
    }
}
