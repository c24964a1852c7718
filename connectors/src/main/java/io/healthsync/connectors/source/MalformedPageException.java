package io.healthsync.connectors.source;

/**
 * A page that cannot be read at all (not JSON, not the shape the API documents): it is quarantined whole
 * with the stream's cursor and raw body, the cursor does not move, and the stream stops for this run.
 * A single bad record is not a bad page: the mapper quarantines just that record and goes on.
 */
public final class MalformedPageException extends Exception {

    public MalformedPageException(String message) {
        super(message);
    }

    public MalformedPageException(String message, Throwable cause) {
        super(message, cause);
    }
}
