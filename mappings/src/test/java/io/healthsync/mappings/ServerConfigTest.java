package io.healthsync.mappings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sources.yaml's server section: `run`'s HTTP port and the read API's token. */
class ServerConfigTest {

    @TempDir
    Path dir;

    private static String sources(String server) {
        return MinimalSourcesYaml.salesforceOnly(server);
    }

    @Test
    void the_shipped_server_listens_on_8080_with_the_token_from_HEALTHSYNC_API_TOKEN() {
        SourcesConfig.Server server = ConfigLoader.load(null).sources().server();
        assertThat(server.port()).isEqualTo(8080);
        assertThat(server.apiToken()).isEqualTo(new SecretRef("HEALTHSYNC_API_TOKEN", null));
    }

    @Test
    void a_left_out_section_keeps_the_defaults_and_port_0_switches_the_server_off() throws Exception {
        Files.writeString(dir.resolve("sources.yaml"), sources(""));
        assertThat(ConfigLoader.load(dir).sources().server()).isEqualTo(SourcesConfig.Server.defaults());

        Files.writeString(dir.resolve("sources.yaml"), sources("server:\n  port: 0\n  api_token: { file: /secrets/token }\n"));
        SourcesConfig.Server off = ConfigLoader.load(dir).sources().server();
        assertThat(off.enabled()).isFalse();
        assertThat(off.apiToken()).isEqualTo(new SecretRef(null, "/secrets/token"));
    }

    @Test
    void a_port_out_of_range_or_a_token_written_in_the_file_is_an_error_with_its_line() throws Exception {
        Files.writeString(dir.resolve("sources.yaml"), sources("server:\n  port: 70000\n"));
        assertThatThrownBy(() -> ConfigLoader.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("sources.yaml:15:").hasMessageContaining("server.port");

        Files.writeString(dir.resolve("sources.yaml"), sources("server:\n  api_token: hunter2hunter2\n"));
        assertThatThrownBy(() -> ConfigLoader.load(dir)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("server.api_token").hasMessageContaining("secrets must not be in this file")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }
}
