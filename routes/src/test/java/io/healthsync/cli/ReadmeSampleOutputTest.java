package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README shows what the demo really prints: its sample block and a fresh demo's output have the same
 * lines, in the same order, once what varies from run to run (numbers, port, paths, plan id, the labels'
 * order) is set aside. Change the demo's output, and this fails until the README follows.
 */
class ReadmeSampleOutputTest {

    @TempDir
    Path dataDir;

    @Test
    void the_readme_sample_is_what_a_fresh_demo_prints() throws Exception {
        List<String> sample = sampleBlock(Files.readString(readme()));

        CliRun run = CliRun.of("demo", "--data-dir=" + dataDir);

        assertThat(run.exitCode()).isZero();
        List<String> printed = Arrays.asList(run.output().strip().split("\\R"));
        assertThat(printed.stream().map(ReadmeSampleOutputTest::shape).toList())
                .containsExactlyElementsOf(sample.stream().map(ReadmeSampleOutputTest::shape).toList());
        // the figures the README states as facts, not as examples
        assertThat(run.output()).contains("2,000 accounts (seed 42)", "planned     2,000 records, 8,000 fields changed")
                // every Account, and the playbooks' Tasks and Opportunities, in the fewest calls that can carry them
                .containsPattern("written     2,000 records and [\\d,]+ Tasks/Opportunities in (\\d+) calls \\(minimum \\1\\), 0 failed");
    }

    /** The first fenced block after "What you should see from the demo". */
    private static List<String> sampleBlock(String readme) {
        int intro = readme.indexOf("What you should see from the demo");
        assertThat(intro).as("README introduces the demo's sample output").isNotNegative();
        int open = readme.indexOf("```\n", intro) + 4;
        int close = readme.indexOf("```", open);
        return Arrays.asList(readme.substring(open, close).strip().split("\\R"));
    }

    /** A line with what varies between runs and machines replaced by placeholders. */
    static String shape(String line) {
        return line.replaceAll("localhost:\\d+", "localhost:PORT")
                .replaceAll("(store\\s+H2 )\\S+", "$1PATH")
                .replaceAll("plan \\d{8}-\\d{6}-[0-9a-f]{6}", "plan ID")
                .replaceAll("\"[^\"]*\" \\d[\\d,]*", "\"LABEL\" N")
                .replaceAll("\\d[\\d,.]*", "N")
                // a count of one reads in the singular ("1 Opportunity"); the sample shows the plural
                .replaceAll("\\bN Task\\b", "N Tasks")
                .replaceAll("\\bN Opportunity\\b", "N Opportunities");
    }

    private static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("README.md")) && Files.exists(dir.resolve("routes"))) {
                return dir.resolve("README.md");
            }
        }
        throw new IllegalStateException("README.md not found above " + Path.of("").toAbsolutePath());
    }
}
