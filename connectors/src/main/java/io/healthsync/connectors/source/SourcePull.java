package io.healthsync.connectors.source;

import io.healthsync.connectors.progress.Progress;
import io.healthsync.model.QuarantinedRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pull of one HTTP source, the same for all of them: earlier unmatched records are tried again, then
 * each stream in order, page by page from its stored cursor. Each page's records find their accounts and
 * are stored with the page's cursor in one transaction, so a crash between pages re-reads at most one page
 * (harmlessly: records upsert). A page that cannot be read is quarantined whole with the cursor and the
 * stream stops there (the cursor never moves past it); a call that fails after its retries, or an open
 * breaker, stops this source only: the others and the scoring go on. When the source can tell the next request
 * before a reply is mapped (an export's next window), that call is made while the reply is mapped and stored,
 * still one call at a time (see {@link FetchAhead}).
 */
public final class SourcePull {

    private static final Logger LOG = LoggerFactory.getLogger(SourcePull.class);
    private static final String REMATCH_STREAM = "unmatched";

    private final HttpSource api;
    private final SourceCalls calls;
    private final SourceSink sink;
    private final Clock clock;
    private final Duration openFor;
    private boolean breakerRestored;

    public SourcePull(HttpSource api, SourceCalls calls, SourceSink sink, Clock clock, Duration breakerOpenFor) {
        this.api = api;
        this.calls = calls;
        this.sink = sink;
        this.clock = clock;
        this.openFor = breakerOpenFor;
    }

    public String source() {
        return api.name();
    }

    public synchronized SourcePullReport pull() {
        String name = api.name();
        SourcePullReport report = new SourcePullReport(name, clock.instant());
        restoreBreaker();
        int retriesBefore = calls.retriesSoFar();
        try {
            if (calls.refusesCalls()) {
                throw new SourceCallException(SourceErrorKind.BREAKER_OPEN, name + ": circuit breaker open after "
                        + "repeated failures; skipped until it has had time to recover", -1, null);
            }
            AccountIndex index = sink.accountIndex(name);
            AccountMatcher matcher = new AccountMatcher(name, index);
            matchAgain(matcher, index, report);
            for (String stream : api.streams()) {
                report.streamsComplete.put(stream, false);
            }
            for (String stream : api.streams()) {
                if (!pullStream(stream, matcher, report)) {
                    break;
                }
            }
            if (matcher.unmatchedTriedAgainstEveryLink()) {
                // every unmatched record was tried against the index as it is now, which the store now holds
                sink.saveUnmatchedTriedAgainst(name, index.fingerprint());
            }
        } catch (SourceCallException e) {
            report.state = e.kind() == SourceErrorKind.BREAKER_OPEN ? SourcePullReport.OPEN_BREAKER : SourcePullReport.FAILED;
            report.message = explain(e);
            LOG.error("{}: pull stopped ({}): {}; stored pages and their cursors are kept", name, e.kind(), report.message);
        } catch (RuntimeException e) {
            // our own failure (the store, a bug): this source stops, the others and the scoring go on
            report.state = SourcePullReport.FAILED;
            report.message = name + ": pull stopped by an internal error (" + e.getMessage() + "); stored pages and their "
                    + "cursors are kept, the next run resumes";
            LOG.error(report.message, e);
        } finally {
            report.retries = calls.retriesSoFar() - retriesBefore;
            report.finishedAt = clock.instant();
            if (calls.breaker().getState() == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.OPEN) {
                report.state = SourcePullReport.OPEN_BREAKER; // later schedules skip it until it has had time to recover
            }
            rememberBreaker();
            sink.recordRun(report);
        }
        LOG.info("{}: {} - {} pages, {} records, {} retries, {} quarantined, {} unmatched", name, report.state,
                report.pages, report.records, report.retries, report.quarantined, report.unmatched);
        return report;
    }

    /** True when the stream was read to its end; false when it stopped on a page it could not read. */
    private boolean pullStream(String stream, AccountMatcher matcher, SourcePullReport report) throws SourceCallException {
        String name = api.name();
        String cursor = sink.cursor(name, stream).orElse(null);
        SourceRequest request = api.firstRequest(stream, cursor, clock.instant());
        int pages = 0;
        Progress progress = Progress.start(name + " " + stream);
        FetchAhead ahead = null;
        try {
            while (request != null) {
                SourceReply reply = replyTo(stream, request, ahead);
                ahead = fetchAhead(stream, request, reply);
                SourcePage page;
                try {
                    page = api.map(stream, request, reply, clock.instant());
                } catch (MalformedPageException e) {
                    quarantinePage(stream, cursor, request, reply, e, report);
                    return false;
                }
                cursor = storePage(stream, page, cursor, ++pages, matcher, report, progress);
                request = page.next();
            }
        } finally {
            if (ahead != null) {
                ahead.abandon(); // the stream stopped, or ended where the early call did not foresee: its reply is dropped
            }
        }
        sink.markComplete(name, stream, clock.instant());
        progress.finish();
        report.streamsComplete.put(stream, true);
        return true;
    }

    /** The reply to {@code request}: the one fetched ahead when it was for this request, else a call made now. */
    private SourceReply replyTo(String stream, SourceRequest request, FetchAhead ahead) throws SourceCallException {
        if (ahead != null && ahead.isFor(request)) {
            return ahead.reply();
        }
        if (ahead != null) {
            ahead.abandon();
        }
        return calls.get(api, stream, request);
    }

    /** The next request made now, on a thread of its own, when the source can tell it before the reply is mapped. */
    private FetchAhead fetchAhead(String stream, SourceRequest request, SourceReply reply) {
        SourceRequest next = api.nextBeforeMapping(stream, request, reply, clock.instant());
        return next == null ? null
                : FetchAhead.start(next, () -> calls.get(api, stream, next), api.name() + "-" + stream + "-fetch-ahead");
    }

    /** Matches a page's records and stores them with its cursor; the cursor the stream is at after it. */
    private String storePage(String stream, SourcePage page, String cursor, int pages, AccountMatcher matcher,
                             SourcePullReport report, Progress progress) {
        String name = api.name();
        MatchedPage matched = matcher.match(stream, page);
        sink.store(name, stream, matched);
        report.pages++;
        report.records += page.records();
        progress.advance(page.records());
        report.quarantined += matched.quarantined.size();
        report.unmatched += matched.unmatched.size();
        LOG.info("{} {}: page {} stored, {} records ({} matched, {} unmatched, {} quarantined)", name, stream,
                pages, page.records(), matched.matchedRecords() + matched.links.size() - unmatchedLinks(matched),
                matched.unmatched.size(), matched.quarantined.size());
        return page.cursor() != null ? page.cursor() : cursor;
    }

    private static int unmatchedLinks(MatchedPage matched) {
        return (int) matched.links.stream().filter(l -> l.accountId() == null).count();
    }

    /**
     * Tries the unmatched records again, unless every one of them was tried against the same accounts and links as
     * these (a record that matched nothing matches nothing again; at 100,000 accounts reading and trying some
     * 100,000 strays took a day's later run 7-11 s a source). The pull records the index its unmatched records were
     * all tried against at its end (see {@link AccountMatcher#unmatchedTriedAgainstEveryLink()}).
     */
    private void matchAgain(AccountMatcher matcher, AccountIndex index, SourcePullReport report) {
        if (sink.unmatchedTriedAgainst(api.name()).filter(index.fingerprint()::equals).isPresent()) {
            matcher.olderUnmatchedNotTried();
            LOG.info("{}: unmatched records not tried again: no account or link has changed since they were tried",
                    api.name());
            return;
        }
        List<UnmatchedRecord> waiting = sink.unmatched(api.name());
        if (!waiting.isEmpty()) {
            MatchedPage again = matcher.rematch(waiting);
            if (!again.rematched.isEmpty()) {
                sink.store(api.name(), REMATCH_STREAM, again);
                report.rematched = again.rematched.size() - again.quarantined.size();
                LOG.info("{}: {} of {} unmatched records found their account", api.name(), report.rematched,
                        waiting.size());
            }
        }
    }

    private void quarantinePage(String stream, String cursor, SourceRequest request, SourceReply reply,
                                MalformedPageException e, SourcePullReport report) {
        String reason = api.name() + " " + stream + ": a page from " + request.describe() + " cannot be read ("
                + e.getMessage() + "); the cursor stays at " + (cursor == null ? "the start" : cursor)
                + " and the next pull reads the page again";
        sink.quarantine(List.of(new QuarantinedRecord(api.name(), stream,
                "page " + Integer.toHexString(request.url().hashCode()), null, reason, reply.text())));
        report.quarantined++;
        report.state = SourcePullReport.FAILED;
        report.message = reason;
        LOG.error(reason);
    }

    private static String explain(SourceCallException e) {
        return switch (e.kind()) {
            case CONFIGURATION -> e.getMessage() + " (check base_url and the credentials named in sources.yaml)";
            case RATE_LIMITED -> e.getMessage() + " (rate limited; the next run resumes from the stored cursor)";
            case TRANSIENT -> e.getMessage() + " (still failing after the retries; the next run resumes from the stored cursor)";
            default -> e.getMessage();
        };
    }

    /** A new process starts from the breaker state the last one left: a source still within its open time stays skipped. */
    private void restoreBreaker() {
        if (breakerRestored) {
            return;
        }
        breakerRestored = true;
        Optional<SourceSink.BreakerMemory> memory = sink.breaker(api.name());
        if (memory.isPresent() && "OPEN".equals(memory.get().state()) && memory.get().since() != null) {
            Instant until = memory.get().since().plus(openFor);
            if (until.isAfter(clock.instant())) {
                calls.breaker().transitionToOpenStateUntil(until);
            }
        }
    }

    private void rememberBreaker() {
        String state = calls.breaker().getState().name();
        Optional<SourceSink.BreakerMemory> before = sink.breaker(api.name());
        Instant since = before.isPresent() && before.get().state().equals(state) && before.get().since() != null
                ? before.get().since() : clock.instant();
        sink.saveBreaker(api.name(), new SourceSink.BreakerMemory(state, since));
    }
}
