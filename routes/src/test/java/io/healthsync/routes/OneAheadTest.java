package io.healthsync.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OneAheadTest {

    @Test
    void steps_come_back_in_order_and_the_next_is_prepared_on_the_worker_while_the_caller_handles_this_one()
            throws Exception {
        CountDownLatch secondStarted = new CountDownLatch(1);
        List<String> threads = new ArrayList<>();
        try (OneAhead<Integer> ahead = new OneAhead<>("test-ahead", 3, i -> {
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
    void a_failed_step_fails_its_take_with_its_own_exception_and_steps_are_taken_in_order() {
        try (OneAhead<Integer> ahead = new OneAhead<>("test-ahead", 2, i -> {
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
}
