package io.healthsync.connectors.salesforce;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;

/** What a failed Salesforce call means for the run: retry, stop cleanly, or tell a person. */
public enum SalesforceErrorKind {
    /** Network trouble, timeouts, 5xx, 429: retry with backoff. */
    TRANSIENT,
    /** REQUEST_LIMIT_EXCEEDED: stop this run cleanly, keep the cursors, resume on the next run. */
    API_LIMIT,
    /** Login failed, no permission, unknown field or object: retrying cannot help; a person must act. */
    CONFIGURATION;

    public static SalesforceErrorKind of(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ApiBudgetCheck.ApiBudgetExceededException) {
                return API_LIMIT;
            }
            if (t instanceof SalesforceException se) {
                return ofStatus(se.getStatusCode(), errorCodes(se));
            }
            if (t instanceof IOException || t instanceof TimeoutException) {
                return TRANSIENT;
            }
        }
        return TRANSIENT;
    }

    static SalesforceErrorKind ofStatus(int status, List<String> errorCodes) {
        if (errorCodes.contains("REQUEST_LIMIT_EXCEEDED")) {
            return API_LIMIT;
        }
        if (status == 0 || status == 429 || status >= 500 || errorCodes.contains("UNABLE_TO_LOCK_ROW")
                || errorCodes.contains("SERVER_UNAVAILABLE")) {
            return TRANSIENT;
        }
        return CONFIGURATION;
    }

    /** A one-line explanation for logs and reports: status, Salesforce error codes and messages, no secrets. */
    public static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SalesforceException se) {
                StringBuilder text = new StringBuilder("HTTP ").append(se.getStatusCode());
                List<RestError> errors = se.getErrors();
                if (errors != null) {
                    for (RestError e : errors) {
                        text.append(": ").append(e.getErrorCode()).append(" ").append(oneLine(e.getMessage()));
                    }
                } else {
                    text.append(": ").append(oneLine(se.getMessage()));
                }
                return text.toString();
            }
        }
        return error.getClass().getSimpleName() + ": " + oneLine(error.getMessage());
    }

    /** The exception a Camel error handler is dealing with (caught, or still on the exchange). */
    public static Throwable caught(org.apache.camel.Exchange exchange) {
        Throwable caught = exchange.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return caught != null ? caught : exchange.getException();
    }

    private static List<String> errorCodes(SalesforceException se) {
        return se.getErrors() == null ? List.of() : se.getErrors().stream().map(RestError::getErrorCode).toList();
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").trim();
    }
}
