package io.healthsync.connectors.source;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.healthsync.mappings.SourcesConfig;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every call of one HTTP source, through camel-http, guarded by resilience4j: a retry (exponential
 * backoff with jitter; a Retry-After or the API's reset header decides the wait exactly), around the
 * source's circuit breaker (only 5xx, timeouts and dropped connections count as failures), around a rate
 * limiter at the API's documented limit, so a backfill waits for permits instead of tripping 429s.
 * One instance per source for the life of the process: the breaker remembers across scheduled runs.
 */
public final class SourceCalls {

    private static final Logger LOG = LoggerFactory.getLogger(SourceCalls.class);

    private final String source;
    private final SourcesConfig.Resilience settings;
    private final ProducerTemplate http;
    private final CircuitBreaker breaker;
    private final RateLimiter limiter;
    /** Streams with an allowance of their own (see {@link HttpSource#ownRateLimit}), by stream. */
    private final java.util.Map<String, RateLimiter> streamLimiters = new java.util.concurrent.ConcurrentHashMap<>();
    private final Retry retry;
    private final AtomicInteger retries = new AtomicInteger();

    public SourceCalls(String source, SourcesConfig.Resilience settings, ProducerTemplate http) {
        this.source = source;
        this.settings = settings;
        this.http = http;
        // HttpClient would re-send after a 429 or 503 by itself, unseen by the retry, breaker and report
        for (String scheme : new String[] {"http", "https"}) {
            http.getCamelContext().getComponent(scheme, org.apache.camel.component.http.HttpComponent.class)
                    .setAutomaticRetriesDisabled(true);
        }
        this.breaker = CircuitBreaker.of(source, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.breakerWindow())
                .minimumNumberOfCalls(Math.min(settings.breakerWindow(), 5))
                .failureRateThreshold(settings.breakerFailureRatePercent())
                .waitDurationInOpenState(Duration.ofSeconds(settings.breakerOpenSeconds()))
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(e -> callOf(e) != null && callOf(e).kind() == SourceErrorKind.TRANSIENT)
                .build());
        this.limiter = limiter(source, settings.rateLimitRequests(), settings.rateLimitSeconds());
        this.retry = Retry.of(source, RetryConfig.<SourceReply>custom()
                .maxAttempts(settings.retries() + 1)
                .retryOnException(this::worthRetrying)
                .intervalBiFunction(this::waitBeforeRetry)
                .failAfterMaxAttempts(false)
                .build());
        retry.getEventPublisher().onRetry(event -> {
            retries.incrementAndGet();
            LOG.warn("{}: attempt {} failed ({}); retrying in {} ms", source, event.getNumberOfRetryAttempts(),
                    event.getLastThrowable() == null ? "?" : event.getLastThrowable().getMessage(),
                    event.getWaitInterval().toMillis());
        });
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /** Retries made so far by this source's calls (for the run report: read before and after a pull). */
    public int retriesSoFar() {
        return retries.get();
    }

    /**
     * True when the breaker lets no call through now: the source is skipped this run. Asking moves an open
     * breaker whose wait is over to half-open (the permit taken to ask is given back), so the next call tests
     * whether the source has recovered.
     */
    public boolean refusesCalls() {
        if (!breaker.tryAcquirePermission()) {
            return true;
        }
        breaker.releasePermission();
        return false;
    }

    private static RateLimiter limiter(String name, int requests, int seconds) {
        return RateLimiter.of(name, RateLimiterConfig.custom()
                .limitForPeriod(requests)
                .limitRefreshPeriod(Duration.ofSeconds(seconds))
                // a backfill waits for its turn (a whole period at most) rather than failing
                .timeoutDuration(Duration.ofSeconds(seconds + 5L))
                .build());
    }

    /** One GET of the source's stream, with the retries, breaker and rate limit; an answer, or an exception. */
    public SourceReply get(HttpSource api, String stream, SourceRequest request) throws SourceCallException {
        RateLimiter permits = api.ownRateLimit(stream)
                .map(limit -> streamLimiters.computeIfAbsent(stream, s -> limiter(source + "-" + s, limit[0], limit[1])))
                .orElse(limiter);
        Supplier<SourceReply> guarded = CircuitBreaker.decorateSupplier(breaker,
                RateLimiter.decorateSupplier(permits, () -> once(api, stream, request)));
        try {
            return Retry.decorateCheckedSupplier(retry, guarded::get).get();
        } catch (CallNotPermittedException e) {
            throw new SourceCallException(SourceErrorKind.BREAKER_OPEN, source + ": circuit breaker open after "
                    + "repeated failures; skipped until it has had " + settings.breakerOpenSeconds() + " s to recover", -1, e);
        } catch (io.github.resilience4j.ratelimiter.RequestNotPermitted e) {
            throw new SourceCallException(SourceErrorKind.RATE_LIMITED, source + ": no call permitted by the rate "
                    + "limit of " + settings.rateLimitRequests() + " per " + settings.rateLimitSeconds() + " s", -1, e);
        } catch (UncheckedCall e) {
            throw e.call;
        } catch (SourceCallException e) {
            throw e;
        } catch (Throwable e) {
            throw new SourceCallException(SourceErrorKind.TRANSIENT, source + ": " + e.getMessage(), -1, e);
        }
    }

    private SourceReply once(HttpSource api, String stream, SourceRequest request) {
        SourceReply reply;
        try {
            reply = send(request, api.answerReader(stream, request));
        } catch (SourceCallException e) {
            throw new UncheckedCall(e);
        }
        if (api.isAnswer(reply)) {
            return reply;
        }
        SourceErrorKind kind = SourceErrorKind.ofStatus(reply.status());
        throw new UncheckedCall(new SourceCallException(kind, source + " answered " + request.describe() + " with HTTP "
                + reply.status() + ": " + reply.excerpt(), api.retryAfterMillis(reply), null));
    }

    private SourceReply send(SourceRequest request, HttpSource.AnswerReader reader) throws SourceCallException {
        String url = request.url();
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? null : url.substring(q + 1);
        long timeoutMs = settings.timeoutSeconds() * 1000L;
        // an answer its source reads as it arrives comes as the raw stream (disableStreamCache) and is read by the
        // result processor, which runs while the answer is still open (once the exchange is done, the producer
        // drains and closes it); any other is read whole by Camel's stream cache. Reading every answer so (each read
        // once, into an array of its length) cut what the pull allocated by a sixth with every source, but in three
        // pairs of bench runs the stand-in's CPU rose by 5-27% beside it, for reasons not found, and the runs took longer
        boolean streamed = reader != null;
        String endpoint = base + "?throwExceptionOnFailure=false" + (streamed ? "&disableStreamCache=true" : "")
                + "&connectTimeout=" + Math.min(timeoutMs, 10_000) + "&responseTimeout=" + timeoutMs
                + "&soTimeout=" + timeoutMs;
        Exchange exchange = http.send(http.getCamelContext().getEndpoint(endpoint), ExchangePattern.InOut, ex -> {
            ex.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
            if (query != null) {
                ex.getMessage().setHeader(Exchange.HTTP_QUERY, query);
            }
            request.headers().forEach(ex.getMessage()::setHeader);
        }, ex -> {
            if (streamed && ex.getException() == null) {
                ex.getMessage().setBody(successful(ex.getMessage())
                        ? readAsItArrives(ex.getMessage(), reader) : bodyOf(ex.getMessage()));
            }
        });
        Exception failure = exchange.getException();
        if (failure != null) {
            throw classify(request, failure);
        }
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        Map<String, String> headers = new HashMap<>();
        exchange.getMessage().getHeaders().forEach((name, value) -> {
            if (value != null && !name.startsWith("Camel") && !request.headers().containsKey(name)) {
                headers.put(name, value.toString());
            }
        });
        Object body = exchange.getMessage().getBody();
        if (body instanceof ReadAnswer answer) {
            return new SourceReply(status == null ? 0 : status, headers, new byte[0], answer.read());
        }
        return new SourceReply(status == null ? 0 : status, headers, exchange.getMessage().getBody(byte[].class));
    }

    /** What a source's reader made of an answer: its result, or the MalformedPageException it threw. */
    private record ReadAnswer(Object read) {
    }

    private static boolean successful(org.apache.camel.Message message) {
        Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return status != null && status >= 200 && status < 300;
    }

    /** The answer read by the source's reader as it arrives, never held whole; closed after, which gives the connection back. */
    private static ReadAnswer readAsItArrives(org.apache.camel.Message message, HttpSource.AnswerReader reader)
            throws java.io.IOException {
        java.io.InputStream stream = message.getBody() instanceof java.io.InputStream in ? in
                : new java.io.ByteArrayInputStream(java.util.Objects.requireNonNullElse(message.getBody(byte[].class),
                        new byte[0]));
        try (stream) {
            return new ReadAnswer(reader.read(stream));
        } catch (MalformedPageException malformed) {
            return new ReadAnswer(malformed);
        }
    }

    /** The bytes of an answer that came as its stream (an error's, for its message), closed after. */
    private static byte[] bodyOf(org.apache.camel.Message message) throws java.io.IOException {
        if (message.getBody() instanceof java.io.InputStream stream) {
            try (stream) {
                return stream.readAllBytes();
            }
        }
        return message.getBody(byte[].class);
    }

    private SourceCallException classify(SourceRequest request, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new SourceCallException(SourceErrorKind.CONFIGURATION, source + ": unknown host in "
                        + request.describe() + "; check base_url in sources.yaml", -1, failure);
            }
            if (t instanceof SocketTimeoutException || t instanceof ConnectException
                    || t instanceof java.io.IOException) {
                return new SourceCallException(SourceErrorKind.TRANSIENT, source + ": " + request.describe() + ": "
                        + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " " + t.getMessage()), -1, failure);
            }
        }
        return new SourceCallException(SourceErrorKind.TRANSIENT, source + ": " + request.describe() + ": " + failure,
                -1, failure);
    }

    /** Retry what may pass later, unless the API asks for a longer wait than max_wait_seconds allows. */
    private boolean worthRetrying(Throwable e) {
        SourceCallException call = callOf(e);
        if (call == null) {
            return false;
        }
        return call.kind().retried() && call.retryAfterMillis() <= settings.maxWaitSeconds() * 1000;
    }

    private long waitBeforeRetry(int attempt, Either<Throwable, SourceReply> outcome) {
        if (outcome.isLeft()) {
            Throwable e = outcome.getLeft();
            SourceCallException call = callOf(e);
            if (call != null && call.retryAfterMillis() >= 0) {
                return call.retryAfterMillis(); // exactly what the API asked
            }
        }
        double base = settings.backoffSeconds() * 1000 * Math.pow(2, Math.max(0, attempt - 1));
        double jittered = base * (0.5 + ThreadLocalRandom.current().nextDouble()); // 50%..150%
        return (long) Math.min(jittered, settings.maxWaitSeconds() * 1000);
    }

    private static SourceCallException callOf(Throwable e) {
        return e instanceof UncheckedCall u ? u.call : e instanceof SourceCallException s ? s : null;
    }

    /** Carries a checked failure through resilience4j's suppliers. */
    private static final class UncheckedCall extends RuntimeException {
        final SourceCallException call;

        UncheckedCall(SourceCallException call) {
            super(call.getMessage(), call, false, false);
            this.call = call;
        }
    }
}
