package io.healthsync.connectors.stripe;

import io.healthsync.connectors.source.UnmappableRecord;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Reading Stripe objects: missing and null fields alike give null; ids may be expanded objects. */
final class StripeJson {

    private StripeJson() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    /** An expandable reference: Stripe sends "cus_123", or the whole object when the request expanded it. */
    static String ref(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        return value.isObject() ? text(value, "id") : value.asText();
    }

    static Long number(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.canConvertToLong() ? null : value.asLong();
    }

    /** A Unix time in seconds (all Stripe timestamps), or null. */
    static Instant epoch(JsonNode node, String field) {
        Long seconds = number(node, field);
        return seconds == null ? null : Instant.ofEpochSecond(seconds);
    }

    static LocalDate utcDate(Instant at) {
        return at == null ? null : LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    /** A field that must be there, or the record cannot be mapped: says which field of which object. */
    static String required(JsonNode node, String field, String object) throws UnmappableRecord {
        String value = field.equals("customer") ? ref(node, field) : text(node, field);
        if (value == null || value.isBlank()) {
            throw new UnmappableRecord(object + " has no " + field);
        }
        return value;
    }
}
