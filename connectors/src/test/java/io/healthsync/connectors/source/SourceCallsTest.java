package io.healthsync.connectors.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.healthsync.mappings.SourcesConfig;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A call's answer as the API sent it: whole, however it came (sized, gzipped, chunked), and its connection given back. */
class SourceCallsTest {

    private static final SourcesConfig.Resilience FAST = new SourcesConfig.Resilience(3, 0.05, 10, 50, 4, 1, 100, 1, 5);

    private WireMockServer api;
    private CamelContext camel;
    private ProducerTemplate http;

    @BeforeEach
    void start() throws Exception {
        api = new WireMockServer(wireMockConfig().dynamicPort());
        api.start();
        camel = new DefaultCamelContext();
        camel.start();
        http = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
        api.stop();
    }

    private SourceReply call(String path) throws SourceCallException {
        return new SourceCalls("feed", FAST, http).get(new FeedSource("feed", api.baseUrl()), "items",
                new SourceRequest(api.baseUrl() + path, Map.of()));
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    @Test
    void a_large_answer_of_a_stated_length_is_read_whole() throws Exception {
        byte[] body = bytes(3_000_001, 1);
        api.stubFor(get(urlEqualTo("/export")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/zip").withBody(body)));

        SourceReply reply = call("/export");

        assertEquals(200, reply.status());
        assertArrayEquals(body, reply.body());
    }

    @Test
    void a_gzipped_answer_arrives_unzipped() throws Exception {
        String json = "{\"items\":[" + "{\"id\":\"1\",\"account\":\"001A\"},".repeat(20_000) + "{\"id\":\"2\"}]}";
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        api.stubFor(get(urlEqualTo("/page")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withHeader("Content-Encoding", "gzip")
                .withBody(zipped.toByteArray())));

        SourceReply reply = call("/page");

        assertEquals(json, new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void an_answer_without_a_length_is_read_to_its_end() throws Exception {
        byte[] body = bytes(200_000, 2);
        api.stubFor(get(urlEqualTo("/chunked")).willReturn(aResponse().withStatus(200)
                .withHeader("Transfer-Encoding", "chunked").withBody(body)));

        assertArrayEquals(body, call("/chunked").body());
    }

    @Test
    void an_error_answer_keeps_its_body_for_the_message() throws Exception {
        api.stubFor(get(urlEqualTo("/missing")).willReturn(aResponse().withStatus(404)
                .withBody("{\"error\":\"RecordNotFound\"}")));

        SourceCallException e = org.junit.jupiter.api.Assertions.assertThrows(SourceCallException.class,
                () -> call("/missing"));

        assertTrue(e.getMessage().contains("404") && e.getMessage().contains("RecordNotFound"), e.getMessage());
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void every_call_gives_its_connection_back() throws Exception {
        // more calls than the client's pool holds connections to one host: a connection kept by an unread answer
        // would leave a later call waiting for one
        byte[] body = bytes(50_000, 3);
        api.stubFor(get(urlEqualTo("/page")).willReturn(aResponse().withStatus(200).withBody(body)));

        for (int i = 0; i < 60; i++) {
            assertArrayEquals(body, call("/page").body(), "call " + i);
        }
    }

    @Test
    void an_answer_broken_after_its_status_is_a_transient_failure_after_the_retries() {
        api.stubFor(get(urlEqualTo("/broken")).willReturn(aResponse().withStatus(200)
                .withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

        SourceCallException e = org.junit.jupiter.api.Assertions.assertThrows(SourceCallException.class,
                () -> call("/broken"));

        assertEquals(SourceErrorKind.TRANSIENT, e.kind(), e.getMessage());
        assertEquals(4, api.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlEqualTo("/broken"))).size(), "the first call and 3 retries");
    }

    /** A source whose answers are read as they arrive: their lines counted, or a malformed page at "error". */
    private static final class CountingSource extends FeedSource {
        private final java.util.concurrent.atomic.AtomicInteger readers = new java.util.concurrent.atomic.AtomicInteger();

        CountingSource(String baseUrl) {
            super("feed", baseUrl);
        }

        @Override
        public AnswerReader answerReader(String stream, SourceRequest request) {
            readers.incrementAndGet();
            return answer -> {
                java.io.BufferedReader lines = new java.io.BufferedReader(
                        new java.io.InputStreamReader(answer, java.nio.charset.StandardCharsets.UTF_8));
                int count = 0;
                for (String line; (line = lines.readLine()) != null; count++) {
                    if (line.equals("error")) {
                        throw new MalformedPageException("line " + (count + 1) + " is an error");
                    }
                }
                return count;
            };
        }
    }

    private SourceReply callReading(CountingSource source, String path) throws SourceCallException {
        return new SourceCalls("feed", FAST, http).get(source, "items", new SourceRequest(api.baseUrl() + path, Map.of()));
    }

    @Test
    void an_answer_its_source_reads_as_it_arrives_reaches_the_reply_read_and_never_whole() throws Exception {
        api.stubFor(get(urlEqualTo("/lines")).willReturn(aResponse().withStatus(200)
                .withBody("a\n".repeat(300_000))));

        SourceReply reply = callReading(new CountingSource(api.baseUrl()), "/lines");

        assertEquals(300_000, reply.read(Integer.class));
        assertEquals(0, reply.body().length, "the answer is not held");
    }

    @Test
    void a_malformed_answer_read_as_it_arrives_is_thrown_where_the_reply_is_read() throws Exception {
        api.stubFor(get(urlEqualTo("/bad")).willReturn(aResponse().withStatus(200).withBody("a\nerror\n" + "b\n".repeat(50_000))));
        CountingSource source = new CountingSource(api.baseUrl());

        SourceReply reply = callReading(source, "/bad");

        MalformedPageException e = org.junit.jupiter.api.Assertions.assertThrows(MalformedPageException.class,
                () -> reply.read(Integer.class));
        assertEquals("line 2 is an error", e.getMessage());
        assertEquals(1, source.readers.get(), "a malformed answer is not asked for again");
    }

    @Test
    void an_error_status_keeps_its_body_and_is_not_given_to_the_reader() {
        api.stubFor(get(urlEqualTo("/denied")).willReturn(aResponse().withStatus(401).withBody("Unable to authenticate")));

        SourceCallException e = org.junit.jupiter.api.Assertions.assertThrows(SourceCallException.class,
                () -> callReading(new CountingSource(api.baseUrl()), "/denied"));

        assertTrue(e.getMessage().contains("401") && e.getMessage().contains("Unable to authenticate"), e.getMessage());
    }

    @Test
    void an_answer_cut_while_its_source_reads_it_is_asked_for_again_with_a_fresh_reader() {
        api.stubFor(get(urlEqualTo("/cut-lines")).willReturn(aResponse().withStatus(200)
                .withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        CountingSource source = new CountingSource(api.baseUrl());

        SourceCallException e = org.junit.jupiter.api.Assertions.assertThrows(SourceCallException.class,
                () -> callReading(source, "/cut-lines"));

        assertEquals(SourceErrorKind.TRANSIENT, e.kind(), e.getMessage());
        assertEquals(4, source.readers.get(), "the first call and 3 retries, each read afresh");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void answers_read_in_part_give_their_connections_back() throws Exception {
        api.stubFor(get(urlEqualTo("/partly")).willReturn(aResponse().withStatus(200)
                .withBody("error\n" + "b\n".repeat(20_000))));
        CountingSource source = new CountingSource(api.baseUrl());

        for (int i = 0; i < 60; i++) {
            SourceReply reply = callReading(source, "/partly");
            org.junit.jupiter.api.Assertions.assertThrows(MalformedPageException.class, () -> reply.read(Integer.class));
        }
    }

    @Test
    void a_connection_cut_midway_is_a_transient_failure_after_the_retries() {
        api.stubFor(get(urlEqualTo("/cut")).willReturn(aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE)));

        SourceCallException e = org.junit.jupiter.api.Assertions.assertThrows(SourceCallException.class,
                () -> call("/cut"));

        assertEquals(SourceErrorKind.TRANSIENT, e.kind(), e.getMessage());
    }
}
