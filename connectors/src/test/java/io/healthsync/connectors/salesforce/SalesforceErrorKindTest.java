package io.healthsync.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What each real Salesforce failure means for a run: only transient ones are retried. */
class SalesforceErrorKindTest {

    /** Status and body as Salesforce sends them (the REST API's error format, and OAuth's on login). */
    static Stream<Arguments> salesforceAnswers() {
        return Stream.of(
                Arguments.of(503, "[{\"message\":\"The server is temporarily unable to handle your request.\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]", SalesforceErrorKind.TRANSIENT),
                Arguments.of(500, "[{\"message\":\"An unexpected error occurred.\",\"errorCode\":\"UNKNOWN_EXCEPTION\"}]", SalesforceErrorKind.TRANSIENT),
                Arguments.of(502, "[{\"message\":\"Bad gateway\",\"errorCode\":\"BAD_GATEWAY\"}]", SalesforceErrorKind.TRANSIENT),
                Arguments.of(429, "[{\"message\":\"Too many requests\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED_RATE\"}]", SalesforceErrorKind.TRANSIENT),
                Arguments.of(400, "[{\"message\":\"unable to obtain exclusive access to this record\",\"errorCode\":\"UNABLE_TO_LOCK_ROW\"}]", SalesforceErrorKind.TRANSIENT),
                Arguments.of(403, "[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]", SalesforceErrorKind.API_LIMIT),
                Arguments.of(400, "[{\"message\":\"invalid query locator\",\"errorCode\":\"INVALID_QUERY_LOCATOR\"}]", SalesforceErrorKind.QUERY_LOCATOR_EXPIRED),
                Arguments.of(400, "[{\"message\":\"No such column 'foo' on sobject of type Bar\",\"errorCode\":\"INVALID_FIELD\"}]", SalesforceErrorKind.CONFIGURATION),
                Arguments.of(400, "[{\"message\":\"unexpected token: FORM\",\"errorCode\":\"MALFORMED_QUERY\"}]", SalesforceErrorKind.CONFIGURATION),
                Arguments.of(404, "[{\"message\":\"The requested resource does not exist\",\"errorCode\":\"NOT_FOUND\"}]", SalesforceErrorKind.CONFIGURATION),
                Arguments.of(401, "[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]", SalesforceErrorKind.CONFIGURATION),
                Arguments.of(403, "[{\"message\":\"The REST API is not enabled for this Organization.\",\"errorCode\":\"API_DISABLED_FOR_ORG\"}]", SalesforceErrorKind.CONFIGURATION),
                Arguments.of(403, "[{\"message\":\"insufficient access rights on object id\",\"errorCode\":\"INSUFFICIENT_ACCESS_OR_READONLY\"}]", SalesforceErrorKind.CONFIGURATION));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("salesforceAnswers")
    void classifies_a_parsed_error_body(int status, String body, SalesforceErrorKind expected) throws Exception {
        List<RestError> errors = List.of(new ObjectMapper().readValue(body, RestError[].class));

        assertThat(SalesforceErrorKind.of(new SalesforceException(errors, status))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "raw {0} {1} -> {2}")
    @MethodSource("salesforceAnswers")
    void classifies_the_body_the_raw_operation_leaves_in_the_message(int status, String body, SalesforceErrorKind expected) {
        // camel-salesforce's raw operation does not parse the body: it is in the exception's message
        SalesforceException raw = new SalesforceException("Unexpected error: " + body, status);

        assertThat(SalesforceErrorKind.of(raw)).isEqualTo(expected);
    }

    @Test
    void login_refusals_are_configuration_errors_with_oauths_code_in_the_description() {
        SalesforceException wrongClient = new SalesforceException(
                "Login error code:[invalid_client_id] description:[client identifier invalid]", 400);
        SalesforceException loginDown = new SalesforceException("Login error code:[unknown_error] description:[retry]", 503);

        assertThat(SalesforceErrorKind.of(wrongClient)).isEqualTo(SalesforceErrorKind.CONFIGURATION);
        assertThat(SalesforceErrorKind.describe(wrongClient)).contains("invalid_client_id");
        assertThat(SalesforceErrorKind.of(loginDown)).isEqualTo(SalesforceErrorKind.TRANSIENT);
    }

    @Test
    void network_trouble_is_transient_but_an_unknown_host_is_configuration() {
        assertThat(SalesforceErrorKind.of(new SalesforceException("Unexpected error", 0, new ConnectException("Connection refused"))))
                .isEqualTo(SalesforceErrorKind.TRANSIENT);
        assertThat(SalesforceErrorKind.of(new TimeoutException("Total timeout 60000 ms elapsed"))).isEqualTo(SalesforceErrorKind.TRANSIENT);
        assertThat(SalesforceErrorKind.of(new IOException("Connection reset"))).isEqualTo(SalesforceErrorKind.TRANSIENT);
        assertThat(SalesforceErrorKind.of(new SalesforceException("Unexpected error", 0, new UnknownHostException("myorg.my.salesforce.con"))))
                .isEqualTo(SalesforceErrorKind.CONFIGURATION);
    }

    @Test
    void what_we_cannot_read_and_our_own_failures_are_not_retried() {
        JsonParseException malformed = new JsonParseException(null, "Unexpected character ('<' (code 60))");
        IllegalStateException bug = new IllegalStateException("store: transaction failed and was rolled back");

        assertThat(SalesforceErrorKind.of(malformed)).isEqualTo(SalesforceErrorKind.INVALID_DATA);
        assertThat(SalesforceErrorKind.of(new RuntimeException("wrapped", malformed))).isEqualTo(SalesforceErrorKind.INVALID_DATA);
        assertThat(SalesforceErrorKind.of(bug)).isEqualTo(SalesforceErrorKind.INTERNAL);
        assertThat(SalesforceErrorKind.of(new NullPointerException())).isEqualTo(SalesforceErrorKind.INTERNAL);
        assertThat(SalesforceErrorKind.INTERNAL.retryable()).isFalse();
        assertThat(SalesforceErrorKind.INVALID_DATA.retryable()).isFalse();
        assertThat(SalesforceErrorKind.TRANSIENT.retryable()).isTrue();
    }

    @Test
    void a_failed_call_is_described_by_its_cause_not_by_the_whole_query_url() {
        SalesforceException failed = new SalesforceException("Unexpected error {0:null} executing {GET:http://localhost:8095"
                + "/services/data/v60.0/query/?q=SELECT%20Id%2C%20Name%20FROM%20User}", 0,
                new ConnectException("Connection refused"));

        assertThat(SalesforceErrorKind.describe(failed)).isEqualTo("Connection refused");
        assertThat(SalesforceErrorKind.of(failed)).isEqualTo(SalesforceErrorKind.TRANSIENT);
    }

    @Test
    void the_description_of_a_raw_error_names_the_code_and_message_not_the_json() {
        SalesforceException raw = new SalesforceException("Unexpected error: [{\"message\":\"TotalRequests Limit exceeded.\","
                + "\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]", 403);

        assertThat(SalesforceErrorKind.describe(raw)).isEqualTo("HTTP 403: REQUEST_LIMIT_EXCEEDED TotalRequests Limit exceeded.");
    }
}
