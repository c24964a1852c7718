package io.healthsync.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FetchAheadTest {

    private static final SourceRequest NEXT = new SourceRequest("https://api.example/export?start=2", Map.of());

    @Test
    void the_reply_is_the_calls_and_it_is_for_the_request_it_was_made_for() throws Exception {
        SourceReply ok = new SourceReply(200, Map.of(), new byte[] {1, 2, 3});

        FetchAhead ahead = FetchAhead.start(NEXT, () -> ok, "test-fetch-ahead");

        assertThat(ahead.isFor(new SourceRequest("https://api.example/export?start=2", Map.of()))).isTrue();
        assertThat(ahead.isFor(new SourceRequest("https://api.example/export?start=3", Map.of()))).isFalse();
        assertThat(ahead.reply()).isSameAs(ok);
    }

    @Test
    void a_failed_call_a_runtime_exception_and_an_error_are_thrown_to_the_pull_as_they_were() {
        SourceCallException limited = new SourceCallException(SourceErrorKind.RATE_LIMITED, "429 after retries", -1, null);

        assertThatThrownBy(FetchAhead.start(NEXT, () -> {
            throw limited;
        }, "test-fetch-ahead")::reply).isSameAs(limited);
        assertThatThrownBy(FetchAhead.start(NEXT, () -> {
            throw new IllegalStateException("bug");
        }, "test-fetch-ahead")::reply).isInstanceOf(IllegalStateException.class).hasMessage("bug");
        assertThatThrownBy(FetchAhead.start(NEXT, () -> {
            throw new OutOfMemoryError("Java heap space");
        }, "test-fetch-ahead")::reply).isInstanceOf(OutOfMemoryError.class);
    }

    @Test
    void abandoning_interrupts_a_call_that_waits_and_returns_once_it_has_ended() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        Thread[] caller = new Thread[1];
        FetchAhead ahead = FetchAhead.start(NEXT, () -> {
            caller[0] = Thread.currentThread();
            waiting.countDown();
            try {
                Thread.sleep(60_000); // a retry's backoff
            } catch (InterruptedException e) {
                throw new SourceCallException(SourceErrorKind.TRANSIENT, "interrupted", -1, e);
            }
            return new SourceReply(200, Map.of(), new byte[0]);
        }, "test-fetch-ahead");
        assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        ahead.abandon();

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(5);
        assertThat(caller[0].isAlive()).isFalse();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
