package io.healthsync.connectors.salesforce;

import java.time.Instant;

/**
 * How far an object's incremental pull has got: the (SystemModstamp, Id) of the last record stored.
 * The Id breaks ties, because many records can share one SystemModstamp (bulk loads, triggers).
 *
 * <p>{@code settledUntil}: records stamped up to this instant have been read at a time when the lookback
 * window behind them had passed, so a transaction that committed late with an earlier SystemModstamp has
 * been seen. Once it reaches the cursor, the next pull resumes right after the cursor and a quiet org
 * returns nothing; null when the window has not been re-read yet.
 */
public record SalesforceCursor(Instant modstamp, String lastId, Instant settledUntil) {

    public SalesforceCursor(Instant modstamp, String lastId) {
        this(modstamp, lastId, null);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The cursor as stored: the source seam keeps every source's cursor as that source's own JSON. */
    public String toJson() {
        com.fasterxml.jackson.databind.node.ObjectNode node = JSON.createObjectNode();
        node.put("modstamp", modstamp.toString());
        node.put("last_id", lastId);
        if (settledUntil != null) {
            node.put("settled_until", settledUntil.toString());
        }
        return node.toString();
    }

    public static SalesforceCursor fromJson(String json) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = JSON.readTree(json);
            String settled = node.path("settled_until").asText(null);
            return new SalesforceCursor(Instant.parse(node.get("modstamp").asText()), node.get("last_id").asText(),
                    settled == null ? null : Instant.parse(settled));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a Salesforce cursor: " + json, e);
        }
    }

    /** The same position, settled up to {@code until} (never beyond the cursor itself). */
    public SalesforceCursor settledUpTo(Instant until) {
        return new SalesforceCursor(modstamp, lastId, until.isAfter(modstamp) ? modstamp : until);
    }

    /** Nothing behind the cursor needs to be read again. */
    public boolean settled() {
        return settledUntil != null && !settledUntil.isBefore(modstamp);
    }
}
