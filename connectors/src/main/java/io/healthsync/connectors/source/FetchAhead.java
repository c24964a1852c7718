package io.healthsync.connectors.source;

/**
 * One request made on a thread of its own while the page before it is mapped and stored (see
 * {@link HttpSource#nextBeforeMapping}): the API prepares the next answer while this process reads the last one,
 * instead of each waiting for the other. Never more than one call of a stream in flight: the pull asks for the
 * next request only once it has taken this one's reply.
 */
final class FetchAhead {

    /** A call that may fail as the pull's own calls do. */
    @FunctionalInterface
    interface Call {
        SourceReply get() throws SourceCallException;
    }

    private final SourceRequest request;
    private final Thread thread;
    private SourceReply reply;
    /** What ended the call instead of a reply (a failed call, a bug, the heap full): thrown again to the pull. */
    private Throwable failure;

    private FetchAhead(SourceRequest request, Call call, String threadName) {
        this.request = request;
        this.thread = new Thread(() -> run(call), threadName);
        thread.setDaemon(true);
    }

    static FetchAhead start(SourceRequest request, Call call, String threadName) {
        FetchAhead ahead = new FetchAhead(request, call, threadName);
        ahead.thread.start();
        return ahead;
    }

    private void run(Call call) {
        try {
            reply = call.get();
        } catch (SourceCallException | RuntimeException | Error e) {
            failure = e;
        }
    }

    boolean isFor(SourceRequest next) {
        return request.equals(next);
    }

    /** The reply, waiting for it; the call's failure is thrown here, as if the pull had made the call itself. */
    SourceReply reply() throws SourceCallException {
        awaitEnd();
        if (failure instanceof SourceCallException failed) {
            throw failed;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw (RuntimeException) failure;
        }
        return reply;
    }

    /**
     * The pull stops or goes another way: a retry waiting is interrupted, a call in flight is let finish, and
     * whatever it got is dropped (its records are read again by the next pull, from the stored cursor).
     */
    void abandon() {
        thread.interrupt();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitEnd() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
            throw new IllegalStateException("interrupted while waiting for " + request.describe(), e);
        }
    }
}
