package io.healthsync.model;

/** A CRM user: account owners (CSMs) and the people who log activities. No email: not needed to join. */
public record CrmUser(String crmId, String name, String title, boolean active) {
}
