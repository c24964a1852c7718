package io.healthsync.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JvmThreadsCpuTest {

    @Test
    void hotSpotsCompilerAndCollectorThreadsAreToldFromTheOthersByName() {
        assertThat(JvmThreadsCpu.Kind.of("C2 CompilerThre")).isEqualTo(JvmThreadsCpu.Kind.COMPILER);
        assertThat(JvmThreadsCpu.Kind.of("C1 CompilerThre")).isEqualTo(JvmThreadsCpu.Kind.COMPILER);
        assertThat(JvmThreadsCpu.Kind.of("GC Thread#1")).isEqualTo(JvmThreadsCpu.Kind.COLLECTOR);
        assertThat(JvmThreadsCpu.Kind.of("G1 Conc#0")).isEqualTo(JvmThreadsCpu.Kind.COLLECTOR);
        assertThat(JvmThreadsCpu.Kind.of("G1 Refine#0")).isEqualTo(JvmThreadsCpu.Kind.COLLECTOR);
        assertThat(JvmThreadsCpu.Kind.of("G1 Main Marker")).isEqualTo(JvmThreadsCpu.Kind.COLLECTOR);
        assertThat(JvmThreadsCpu.Kind.of("VM Thread")).isEqualTo(JvmThreadsCpu.Kind.COLLECTOR);
        assertThat(JvmThreadsCpu.Kind.of("main")).isNull();
        assertThat(JvmThreadsCpu.Kind.of("Camel (camel-1)")).isNull();
        assertThat(JvmThreadsCpu.Kind.of("VM Periodic Tas")).isNull();
        assertThat(JvmThreadsCpu.Kind.of("H2-serializatio")).isNull();
    }

    @Test
    void aThreadsTicksAreReadAfterItsNameHoweverItIsWritten() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String stat = "4242 (Camel (camel-1) t) S 1 4200 4200 0 -1 4194368 120 0 3 0 250 30 0 0 20 0 64 0\n";

        assertThat(JvmThreadsCpu.ticks(stat)).isEqualTo(280);
    }

    @Test
    void cpuOfAThreadNamedLikeTheCollectorsIsCountedAsTheCollectorsAndStaysCountedOnceItEnds() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux's per-thread accounting");
        JvmThreadsCpu.Snapshot before = JvmThreadsCpu.read();
        java.util.concurrent.CountDownLatch spun = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch end = new java.util.concurrent.CountDownLatch(1);
        // the JVM gives a Java thread's name to its native thread, which is what /proc reports
        Thread busy = new Thread(() -> {
            long until = System.nanoTime() + 400_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            spun.countDown();
            try {
                end.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "G1 test burner");
        busy.start();
        spun.await();

        JvmThreadsCpu.Snapshot whileAlive = JvmThreadsCpu.read().since(before);
        end.countDown();
        busy.join();
        JvmThreadsCpu.Snapshot afterItEnded = JvmThreadsCpu.read().since(before);

        assertThat(whileAlive.collectorMs()).isGreaterThanOrEqualTo(300);
        assertThat(afterItEnded.collectorMs()).isGreaterThanOrEqualTo(whileAlive.collectorMs());
        assertThat(afterItEnded.compilerMs()).isGreaterThanOrEqualTo(0);
    }
}
