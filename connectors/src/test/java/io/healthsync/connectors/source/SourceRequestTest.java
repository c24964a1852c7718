package io.healthsync.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceRequestTest {

    private final SourceRequest request = new SourceRequest("https://api.example.com/v1/invoices?limit=100"
            + "&created%5Bgte%5D=1717400000&starting_after=in_A%2B1&flag", Map.of("Authorization", "Bearer sk_secret"));

    @Test
    void parameters_are_found_by_their_decoded_names_and_given_decoded() {
        assertThat(request.parameter("created[gte]")).isEqualTo("1717400000");
        assertThat(request.parameter("starting_after")).isEqualTo("in_A+1");
        assertThat(request.parameter("flag")).isEmpty();
        assertThat(request.parameter("ending_before")).isNull();
        assertThat(new SourceRequest("https://api.example.com/v1/invoices", Map.of()).parameter("limit")).isNull();
    }

    @Test
    void it_prints_neither_its_headers_nor_its_query() {
        assertThat(request.toString()).isEqualTo("GET https://api.example.com/v1/invoices").doesNotContain("sk_secret");
    }
}
