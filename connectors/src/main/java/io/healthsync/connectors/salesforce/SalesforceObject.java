package io.healthsync.connectors.salesforce;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The objects healthsync pulls, with the standard fields it reads. Id and SystemModstamp are required
 * (the cursor needs them); the others are read when the org's describe has them.
 */
public enum SalesforceObject {
    USER("User", List.of("Id", "Name", "Title", "IsActive", "SystemModstamp")),
    ACCOUNT("Account", List.of("Id", "Name", "Industry", "OwnerId", "CreatedDate", "SystemModstamp")),
    TASK("Task", List.of("Id", "AccountId", "WhatId", "Subject", "Type", "TaskSubtype", "ActivityDate",
            "CompletedDateTime", "CallDurationInSeconds", "OwnerId", "CreatedDate", "SystemModstamp")),
    EVENT("Event", List.of("Id", "AccountId", "WhatId", "Subject", "Type", "StartDateTime", "ActivityDateTime",
            "DurationInMinutes", "OwnerId", "CreatedDate", "SystemModstamp")),
    OPPORTUNITY("Opportunity", List.of("Id", "AccountId", "Name", "StageName", "Type", "Amount", "CloseDate",
            "IsClosed", "IsWon", "SystemModstamp"));

    public static final List<String> REQUIRED_FIELDS = List.of("Id", "SystemModstamp");

    private final String apiName;
    private final List<String> standardFields;

    SalesforceObject(String apiName, List<String> standardFields) {
        this.apiName = apiName;
        this.standardFields = standardFields;
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
