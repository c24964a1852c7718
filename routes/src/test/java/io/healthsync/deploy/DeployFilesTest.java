package io.healthsync.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healthsync.mappings.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** deploy/ holds no Java, so its files are checked here: they parse, and the pieces that must agree do. */
class DeployFilesTest {

    private static final Path DEPLOY = Path.of("..", "deploy");

    @Test
    void everyYamlFileParses() throws IOException {
        List<Path> yamls = files(".yaml");
        assertThat(yamls).hasSizeGreaterThanOrEqualTo(7);
        for (Path file : yamls) {
            List<Object> documents = new ArrayList<>();
            new Yaml().loadAll(Files.readString(file)).forEach(documents::add);
            assertThat(documents).as(file.toString()).isNotEmpty().doesNotContainNull();
        }
    }

    @Test
    void theDeploymentRunsTwoReplicasWithProbesLimitsAndMountedConfigAndSecrets() throws IOException {
        Map<String, Object> deployment = new Yaml().load(Files.readString(DEPLOY.resolve("kubernetes/base/deployment.yaml")));
        JsonNode spec = new ObjectMapper().valueToTree(deployment).path("spec");
        assertThat(spec.path("replicas").asInt()).isEqualTo(2);
        JsonNode container = spec.path("template").path("spec").path("containers").get(0);
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/live");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/health/ready");
        assertThat(container.path("resources").path("limits").path("memory").asText()).isNotEmpty();
        assertThat(container.path("resources").path("requests").path("cpu").asText()).isNotEmpty();
        assertThat(container.path("envFrom").get(0).path("secretRef").path("name").asText()).isEqualTo("healthsync-credentials");
        assertThat(spec.path("template").path("spec").path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
    }

    @Test
    void theBaseConfigIsValidHealthsyncConfig() {
        assertThat(ConfigLoader.validate(DEPLOY.resolve("kubernetes/base/config"))).isEmpty();
    }

    @Test
    void theDashboardIsJsonWithThreeTiers() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("grafana/healthsync-dashboard.json").toFile());
        List<String> rows = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> {
            if ("row".equals(panel.path("type").asText())) {
                rows.add(panel.path("title").asText());
            }
        });
        assertThat(rows).containsExactly("Model health", "Operations", "Business outcomes");
    }

    @Test
    void theDashboardAsksOnlyForMetricsHealthsyncExports() throws IOException {
        String dashboard = Files.readString(DEPLOY.resolve("grafana/healthsync-dashboard.json"));
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("healthsync_[a-z_]+").matcher(dashboard);
        java.util.Set<String> asked = new java.util.TreeSet<>();
        while (names.find()) {
            asked.add(names.group());
        }
        assertThat(asked).hasSizeGreaterThanOrEqualTo(10);
        assertThat(io.healthsync.server.RunMetrics.NAMES).containsAll(asked);
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(DEPLOY)) {
            return walk.filter(p -> p.toString().endsWith(suffix) && !p.toString().contains("node_modules")).toList();
        }
    }
}
