package io.healthsync.connectors.salesforce;

import java.time.Instant;

/** A datetime as Salesforce answers it (2026-01-31T09:30:00.000+0000) or as we send it (...Z), for comparing. */
public final class SalesforceDatetime {

    private SalesforceDatetime() {
    }

    /** The instant the text says, or null when it is not a datetime. */
    public static Instant parseOrNull(String text) {
        String value = text.trim();
        if (value.length() < 16 || value.charAt(4) != '-' || value.charAt(10) != 'T') {
            return null; // not the shape of one: no parse attempt (a number, a band, a sentence)
        }
        return SalesforceValues.instantOrNull(value);
    }
}
