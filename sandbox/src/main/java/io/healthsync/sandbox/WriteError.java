package io.healthsync.sandbox;

import java.util.List;

/** One entry of a collections result's "errors": statusCode, message and the fields it concerns. */
record WriteError(String statusCode, String message, List<String> fields) {

    static WriteError of(String statusCode, String message, String... fields) {
        return new WriteError(statusCode, message, List.of(fields));
    }

    /** Thrown while checking a record; carries the error its result reports. */
    static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient WriteError error;

        Rejected(WriteError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        WriteError error() {
            return error;
        }
    }

    Rejected reject() {
        return new Rejected(this);
    }
}
