package io.healthsync.connectors.salesforce;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The objects healthsync pulls, with the standard fields it reads. Id and SystemModstamp are required
 * (the cursor needs them); the others are read when the org's describe has them.
 */
public enum SalesforceObject {
    USER("User", false, List.of("Id", "Name", "Title", "IsActive", "SystemModstamp")),
    ACCOUNT("Account", true, List.of("Id", "Name", "Industry", "Website", "OwnerId", "CreatedDate", "IsDeleted",
            "SystemModstamp")),
    TASK("Task", true, List.of("Id", "AccountId", "WhatId", "Subject", "Type", "TaskSubtype", "ActivityDate",
            "CompletedDateTime", "CallDurationInSeconds", "OwnerId", "CreatedDate", "IsDeleted", "SystemModstamp",
            "Healthsync_Key__c")),
    EVENT("Event", true, List.of("Id", "AccountId", "WhatId", "Subject", "Type", "StartDateTime", "ActivityDateTime",
            "DurationInMinutes", "OwnerId", "CreatedDate", "IsDeleted", "SystemModstamp")),
    OPPORTUNITY("Opportunity", true, List.of("Id", "AccountId", "Name", "StageName", "Type", "Amount", "CreatedDate",
            "CloseDate", "IsClosed", "IsWon", "IsDeleted", "SystemModstamp", "Healthsync_Key__c"));

    public static final List<String> REQUIRED_FIELDS = List.of("Id", "SystemModstamp");

    private final String apiName;
    private final boolean deletable;
    private final List<String> standardFields;

    SalesforceObject(String apiName, boolean deletable, List<String> standardFields) {
        this.apiName = apiName;
        this.deletable = deletable;
        this.standardFields = standardFields;
    }

    /**
     * Records of this object can be deleted (they have IsDeleted): it is pulled with queryAll, which also
     * returns deleted records (a delete moves SystemModstamp), so deletions reach the store as tombstones.
     * Users are deactivated, never deleted.
     */
    public boolean deletable() {
        return deletable;
    }

    public String apiName() {
        return apiName;
    }

    public List<String> standardFields() {
        return standardFields;
    }

    public boolean isActivity() {
        return this == TASK || this == EVENT;
    }

    public static Optional<SalesforceObject> fromApiName(String name) {
        return Arrays.stream(values()).filter(o -> o.apiName.equalsIgnoreCase(name)).findFirst();
    }
}
