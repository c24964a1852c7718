package io.healthsync.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JWT assertion's audience Salesforce accepts, whatever URL the token is asked for at. */
class SalesforceJwtAudienceTest {

    @Test
    void production_orgs_and_their_my_domain_urls_use_login_salesforce_com() {
        assertThat(SalesforceComponentFactory.jwtAudience("https://acme.my.salesforce.com")).contains("https://login.salesforce.com");
        assertThat(SalesforceComponentFactory.jwtAudience("https://login.salesforce.com")).contains("https://login.salesforce.com");
    }

    @Test
    void sandboxes_use_test_salesforce_com() {
        assertThat(SalesforceComponentFactory.jwtAudience("https://acme--uat.sandbox.my.salesforce.com"))
                .contains("https://test.salesforce.com");
        assertThat(SalesforceComponentFactory.jwtAudience("https://test.salesforce.com")).contains("https://test.salesforce.com");
    }

    @Test
    void other_hosts_keep_the_login_url_as_audience() {
        assertThat(SalesforceComponentFactory.jwtAudience("http://localhost:8089")).isEmpty();
        assertThat(SalesforceComponentFactory.jwtAudience("https://community.acme.com")).isEmpty();
    }
}
