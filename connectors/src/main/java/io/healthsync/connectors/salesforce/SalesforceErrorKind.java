package io.healthsync.connectors.salesforce;

import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;

/**
 * What a failed Salesforce call (or the handling of its answer) means for the run. Only {@link #TRANSIENT}
 * is retried: retrying a bad page, a missing field or a bug would only repeat it.
 */
public enum SalesforceErrorKind {
    /** Network trouble, timeouts, 5xx, 429, lock contention: retry with backoff (or as Retry-After says). */
    TRANSIENT(true),
    /** REQUEST_LIMIT_EXCEEDED or our own API budget: stop this run cleanly, keep the cursors, resume next run. */
    API_LIMIT(false),
    /** INVALID_QUERY_LOCATOR: the server dropped the query's cursor; query again from the stored cursor. */
    QUERY_LOCATOR_EXPIRED(false),
    /** Login refused, no permission, unknown host, field or object: a person must act; stop. */
    CONFIGURATION(false),
    /** Salesforce answered something we cannot read (malformed JSON, a value of the wrong shape). */
    INVALID_DATA(false),
    /** A failure of our own (the store, a bug): not retried, reported with its cause. */
    INTERNAL(false);

    private static final Set<String> TRANSIENT_CODES = Set.of("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE",
            "REQUEST_RUNNING_TOO_LONG", "CONCURRENT_REQUESTS_LIMIT_EXCEEDED", "QUERY_TIMEOUT");

    private final boolean retryable;

    SalesforceErrorKind(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    public static SalesforceErrorKind of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ApiBudgetCheck.ApiBudgetExceededException) {
                return API_LIMIT;
            }
            if (t instanceof SalesforceException se && se.getStatusCode() > 0) {
                return ofStatus(se.getStatusCode(), errorCodes(se));
            }
            if (t instanceof JacksonException || t instanceof SalesforceValues.BadValueException
                    || t instanceof BulkQueryRecords.MalformedResultsException) {
                return INVALID_DATA;
            }
            if (t instanceof UnknownHostException) {
                return CONFIGURATION;
            }
            if (t instanceof IOException || t instanceof TimeoutException) {
                return TRANSIENT;
            }
            if (t.getCause() == null && t instanceof SalesforceException) {
                // camel-salesforce reports a failed exchange (connection refused, reset) with status 0 and no cause
                return TRANSIENT;
            }
        }
        return INTERNAL;
    }

    /** From an HTTP status and Salesforce's error codes (the body's errorCode, or OAuth's error). */
    public static SalesforceErrorKind ofStatus(int status, List<String> errorCodes) {
        if (errorCodes.contains("REQUEST_LIMIT_EXCEEDED")) {
            return API_LIMIT;
        }
        if (errorCodes.contains("INVALID_QUERY_LOCATOR")) {
            return QUERY_LOCATOR_EXPIRED;
        }
        if (status == 429 || status >= 500 || errorCodes.stream().anyMatch(TRANSIENT_CODES::contains)) {
            return TRANSIENT;
        }
        return CONFIGURATION;
    }

    /** A one-line explanation for logs and reports: status, Salesforce error codes and messages, no secrets. */
    public static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SalesforceException se && se.getStatusCode() > 0) {
                StringBuilder text = new StringBuilder("HTTP ").append(se.getStatusCode());
                List<RestError> errors = se.getErrors();
                if (errors != null && !errors.isEmpty()) {
                    for (RestError e : errors) {
                        text.append(": ").append(e.getErrorCode()).append(" ").append(oneLine(e.getMessage()));
                    }
                } else if (!errorCodes(se).isEmpty() && se.getMessage() != null && se.getMessage().contains("\"errorCode\"")) {
                    Matcher message = ERROR_MESSAGE_IN_TEXT.matcher(se.getMessage());
                    text.append(": ").append(String.join(", ", errorCodes(se)));
                    if (message.find()) {
                        text.append(" ").append(oneLine(message.group(1)));
                    }
                } else {
                    text.append(": ").append(oneLine(se.getMessage()));
                }
                return text.toString();
            }
        }
        Throwable root = error;
        Throwable named = error; // the most telling exception: Salesforce's own, not Camel's wrapper
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root instanceof SalesforceException) {
                named = root;
            }
        }
        if (named instanceof SalesforceException && named.getMessage() != null) {
            String text = oneLine(named.getMessage());
            if (text.contains(" executing {") && root != named && root.getMessage() != null) {
                // "Unexpected error {0:null} executing {GET:<the whole query URL>}": the cause says it in fewer words
                return oneLine(root.getMessage());
            }
            return root != named && root.getMessage() != null && !text.contains(oneLine(root.getMessage()))
                    ? text + " (" + oneLine(root.getMessage()) + ")" : text;
        }
        String text = error.getClass().getSimpleName() + ": " + oneLine(error.getMessage());
        if (root != error && root.getMessage() != null && !text.contains(oneLine(root.getMessage()))) {
            text += " (" + root.getClass().getSimpleName() + ": " + oneLine(root.getMessage()) + ")";
        }
        return text;
    }

    /** The exception a Camel error handler is dealing with (caught, or still on the exchange). */
    public static Throwable caught(org.apache.camel.Exchange exchange) {
        Throwable caught = exchange.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return caught != null ? caught : exchange.getException();
    }

    private static List<String> errorCodes(SalesforceException se) {
        if (se.getErrors() != null && !se.getErrors().isEmpty()) {
            return se.getErrors().stream().map(RestError::getErrorCode).toList();
        }
        // the raw operation leaves Salesforce's body in the message ([{"errorCode":"X",...}]); login failures
        // carry OAuth's error there ("Login error code:[invalid_client_id] ...")
        String message = se.getMessage() == null ? "" : se.getMessage();
        List<String> codes = new java.util.ArrayList<>();
        Matcher code = ERROR_CODE_IN_TEXT.matcher(message);
        while (code.find()) {
            codes.add(code.group(1) != null ? code.group(1) : code.group(2));
        }
        return codes;
    }

    private static final Pattern ERROR_CODE_IN_TEXT =
            Pattern.compile("\"errorCode\"\\s*:\\s*\"([A-Z_]+)\"|code:\\[([A-Za-z_]+)\\]");
    private static final Pattern ERROR_MESSAGE_IN_TEXT = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").trim();
    }
}
