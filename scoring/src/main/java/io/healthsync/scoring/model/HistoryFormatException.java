package io.healthsync.scoring.model;

/** A history file or option the training cannot use; the message says where (file:line) and what to change. */
public final class HistoryFormatException extends IllegalArgumentException {

    public HistoryFormatException(String message) {
        super(message);
    }
}
