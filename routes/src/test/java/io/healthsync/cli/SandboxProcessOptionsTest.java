package io.healthsync.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxProcessOptionsTest {

    @Test
    void noOptionsWhenUnsetOrBlank() {
        assertEquals(List.of(), SandboxProcess.javaOptions(null));
        assertEquals(List.of(), SandboxProcess.javaOptions("  "));
    }

    @Test
    void optionsSplitOnWhitespace() {
        assertEquals(List.of("-Xmx2g", "-XX:StartFlightRecording=filename=/tmp/s.jfr,settings=profile"),
                SandboxProcess.javaOptions(" -Xmx2g \t-XX:StartFlightRecording=filename=/tmp/s.jfr,settings=profile "));
    }
}
