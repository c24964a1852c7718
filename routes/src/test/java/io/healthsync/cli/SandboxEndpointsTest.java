package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxEndpointsTest {

    @TempDir
    Path dir;

    @Test
    void what_the_sandbox_process_writes_the_bench_reads_back_whole() {
        SandboxEndpoints written = new SandboxEndpoints("http://localhost:41001",
                Map.of("zendesk", "http://localhost:41002", "stripe", "http://localhost:41003"),
                Map.of("stripe", Map.of("secret_key", "sk_test_x")), List.of("001000000000001AAA"));
        Path file = dir.resolve("sandbox").resolve("endpoints.json");

        written.write(file);

        SandboxEndpoints read = SandboxEndpoints.read(file);
        assertThat(read).isEqualTo(written);
        assertThat(read.baseUrl("stripe")).isEqualTo("http://localhost:41003");
        assertThat(dir.resolve("sandbox").toFile().list()).containsExactly("endpoints.json"); // no partial file left
    }

    @Test
    void an_api_the_sandbox_does_not_serve_is_named_with_those_it_does() {
        SandboxEndpoints endpoints = new SandboxEndpoints("http://localhost:1", Map.of("zendesk", "http://localhost:2"),
                Map.of(), List.of());

        assertThatThrownBy(() -> endpoints.baseUrl("hubspot"))
                .hasMessage("the sandbox serves no API named 'hubspot'; it serves [zendesk]");
    }

    @Test
    void a_file_that_is_not_the_sandbox_endpoints_says_so_and_where() throws Exception {
        Path file = dir.resolve("endpoints.json");
        Files.writeString(file, "{\"login_url\": \"http://localhost:1\"}");

        assertThatThrownBy(() -> SandboxEndpoints.read(file))
                .hasMessageStartingWith("cannot read the sandbox's endpoints from " + file)
                .hasMessageContaining("'healthsync sandbox --endpoints-file'");
    }
}
