package io.healthsync.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StepsAheadTest {

    @Test
    void steps_come_back_in_order_and_the_next_is_prepared_on_the_worker_while_the_caller_handles_this_one()
            throws Exception {
        CountDownLatch secondStarted = new CountDownLatch(1);
        List<String> threads = new ArrayList<>();
        try (StepsAhead<Integer> ahead = new StepsAhead<>("test-ahead", 3, i -> {
            synchronized (threads) {
                threads.add(Thread.currentThread().getName());
            }
            if (i == 1) {
                secondStarted.countDown();
            }
            return i * 10;
        })) {
            assertThat(ahead.take(0)).isZero();
            // step 1 runs while the caller still holds step 0's result, without being asked for
            assertThat(secondStarted.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ahead.take(1)).isEqualTo(10);
            assertThat(ahead.take(2)).isEqualTo(20);
        }
        assertThat(threads).containsOnly("test-ahead").hasSize(3);
    }

    @Test
    void with_two_workers_two_steps_are_prepared_at_once_and_still_taken_in_order() throws Exception {
        CountDownLatch bothRunning = new CountDownLatch(2);
        java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
        List<String> threads = new ArrayList<>();
        try (StepsAhead<Integer> ahead = new StepsAhead<>("test-ahead", 5, 2, i -> {
            synchronized (threads) {
                threads.add(Thread.currentThread().getName());
            }
            started.incrementAndGet();
            if (i < 2) { // steps 0 and 1 each wait until the other runs too: one worker alone would never get past
                bothRunning.countDown();
                try {
                    if (!bothRunning.await(5, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("step " + i + " ran alone");
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return i * 10;
        })) {
            assertThat(ahead.take(0)).isZero();
            assertThat(ahead.take(1)).isEqualTo(10);
            // taking step 1 let step 3 start; step 4 waits until step 2 is taken (at most three results alive)
            assertThat(started.get()).isLessThanOrEqualTo(4);
            assertThat(ahead.take(2)).isEqualTo(20);
            assertThat(ahead.take(3)).isEqualTo(30);
            assertThat(ahead.take(4)).isEqualTo(40);
        }
        assertThat(threads).hasSize(5).containsOnly("test-ahead-1", "test-ahead-2");
    }

    @Test
    void a_failed_step_fails_its_take_with_its_own_exception_and_steps_are_taken_in_order() {
        try (StepsAhead<Integer> ahead = new StepsAhead<>("test-ahead", 2, i -> {
            if (i == 1) {
                throw new IllegalArgumentException("range 1 is unreadable");
            }
            return i;
        })) {
            assertThatThrownBy(() -> ahead.take(1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("expected step 0");
            assertThat(ahead.take(0)).isZero();
            assertThatThrownBy(() -> ahead.take(1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("range 1 is unreadable");
        }
    }

    @Test
    void with_more_steps_ahead_than_workers_one_worker_runs_them_all_in_order_before_any_is_taken() throws Exception {
        CountDownLatch allDone = new CountDownLatch(4);
        List<Integer> order = new ArrayList<>();
        List<String> threads = new ArrayList<>();
        try (StepsAhead<Integer> ahead = new StepsAhead<>("test-ahead", 4, 1, 4, i -> {
            synchronized (order) {
                order.add(i);
                threads.add(Thread.currentThread().getName());
            }
            allDone.countDown();
            return i * 10;
        })) {
            // nothing taken yet: with one step ahead only step 0 would run
            assertThat(allDone.await(10, TimeUnit.SECONDS)).isTrue();
            synchronized (order) {
                assertThat(order).containsExactly(0, 1, 2, 3);
                assertThat(threads).containsOnly("test-ahead");
            }
            for (int i = 0; i < 4; i++) {
                assertThat(ahead.take(i)).isEqualTo(i * 10);
            }
        }
    }

    @Test
    void fewer_steps_ahead_than_workers_is_refused() {
        assertThatThrownBy(() -> new StepsAhead<Integer>("test-ahead", 3, 2, 1, i -> i))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 and 1");
    }
}
