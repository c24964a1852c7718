package io.healthsync.routes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiUsageOperationTest {

    @Test
    void every_call_of_a_bulk_query_job_counts_as_bulk_query_not_as_a_rest_query() {
        String jobs = "/services/data/v60.0/jobs/query";

        assertThat(ApiUsage.operation("POST", jobs)).isEqualTo(ApiUsage.BULK_QUERY_OPERATION);
        assertThat(ApiUsage.operation("GET", jobs + "/7505e000000AbCdAAA")).isEqualTo(ApiUsage.BULK_QUERY_OPERATION);
        assertThat(ApiUsage.operation("GET", jobs + "/7505e000000AbCdAAA/results")).isEqualTo(ApiUsage.BULK_QUERY_OPERATION);
        assertThat(ApiUsage.operation("GET", "/services/data/v60.0/query/")).isEqualTo("query");
        assertThat(ApiUsage.operation("GET", "/services/data/v60.0/queryAll/")).isEqualTo("query");
        assertThat(ApiUsage.operation("GET", "/services/data/v60.0/query/01gD0000000001AAA-2000")).isEqualTo("query_more");
        assertThat(ApiUsage.operation("GET", "/services/data/v60.0/jobs/ingest/7505e000000AbCdAAA"))
                .isEqualTo(ApiUsage.BULK_OPERATION);
    }
}
