package io.healthsync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CpuSamplerTest {

    private static final long MS = 1_000_000;

    @Test
    void a_stage_gets_the_cpu_used_between_its_start_and_end_read_between_the_nearest_samples() {
        CpuSampler sampler = CpuSampler.manual();
        sampler.record(0, 1_000);
        sampler.record(100 * MS, 1_040);  // 40 ms of CPU in the first 100 ms
        sampler.record(200 * MS, 1_240);  // 200 ms (two cores) in the next 100
        sampler.record(300 * MS, 1_240);  // idle

        Map<String, long[]> stages = new LinkedHashMap<>();
        stages.put("pull", new long[] {0, 100 * MS});
        stages.put("score", new long[] {100 * MS, 150 * MS});   // half of the busy interval
        stages.put("plan", new long[] {150 * MS, 300 * MS});

        assertThat(sampler.byStage(stages)).containsExactly(Map.entry("pull", 40L), Map.entry("score", 100L),
                Map.entry("plan", 100L));
        assertThat(sampler.total()).isEqualTo(240);
    }

    @Test
    void a_stage_the_samples_do_not_cover_is_left_out_and_a_refused_reading_is_not_a_sample() {
        CpuSampler sampler = CpuSampler.manual();
        sampler.record(10 * MS, 500);
        sampler.record(20 * MS, -1);
        sampler.record(30 * MS, 520);

        Map<String, long[]> stages = new LinkedHashMap<>();
        stages.put("before", new long[] {0, 20 * MS});
        stages.put("within", new long[] {10 * MS, 20 * MS});
        stages.put("after", new long[] {20 * MS, 40 * MS});

        assertThat(sampler.byStage(stages)).containsExactly(Map.entry("within", 10L));
        assertThat(CpuSampler.manual().total()).isEqualTo(-1);
    }

    @Test
    void started_it_samples_at_once_and_until_closed() throws Exception {
        AtomicLong cpu = new AtomicLong(7);
        long before = System.nanoTime();
        CpuSampler sampler = CpuSampler.start(() -> cpu.addAndGet(3), 1);
        long started = System.nanoTime();
        Thread.sleep(30);
        long ended = System.nanoTime();
        sampler.close();

        // covered from before start returned to after close: the whole span is read, at least the first reading's 3 ms
        assertThat(sampler.between(started, ended)).isGreaterThanOrEqualTo(0);
        assertThat(sampler.between(before - 1_000 * MS, ended)).isEqualTo(-1);
        assertThat(sampler.total()).isGreaterThanOrEqualTo(3);
    }
}
