package io.healthsync.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A customer account as the CRM knows it. {@code crmFields} holds the CRM's current values of the
 * fields healthsync writes (keyed by Salesforce field name), so a plan can see when someone changed them.
 * {@code domain} is the account's web domain (from its Website), which other sources' records may match by.
 */
public record Account(
        String crmId,
        String name,
        String segment,
        String industry,
        Double arr,
        Integer seatsLicensed,
        LocalDate contractStart,
        LocalDate renewalDate,
        String ownerId,
        Instant createdAt,
        Instant systemModstamp,
        Map<String, String> crmFields,
        String domain) {

    public Account(String crmId, String name, String segment, String industry, Double arr, Integer seatsLicensed,
                   LocalDate contractStart, LocalDate renewalDate, String ownerId, Instant createdAt,
                   Instant systemModstamp, Map<String, String> crmFields) {
        this(crmId, name, segment, industry, arr, seatsLicensed, contractStart, renewalDate, ownerId, createdAt,
                systemModstamp, crmFields, null);
    }

    public Account {
        domain = Domains.normalize(domain);
        // values may be null (an empty CRM field), which Map.copyOf refuses; held as arrays (see FieldValues)
        crmFields = FieldValues.copyOf(crmFields);
    }
}
