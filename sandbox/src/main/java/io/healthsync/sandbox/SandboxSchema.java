package io.healthsync.sandbox;

import static io.healthsync.sandbox.FieldDef.field;
import static io.healthsync.sandbox.FieldType.BOOLEAN;
import static io.healthsync.sandbox.FieldType.COMBOBOX;
import static io.healthsync.sandbox.FieldType.CURRENCY;
import static io.healthsync.sandbox.FieldType.DATE;
import static io.healthsync.sandbox.FieldType.DATETIME;
import static io.healthsync.sandbox.FieldType.DOUBLE;
import static io.healthsync.sandbox.FieldType.EMAIL;
import static io.healthsync.sandbox.FieldType.ID;
import static io.healthsync.sandbox.FieldType.INT;
import static io.healthsync.sandbox.FieldType.PERCENT;
import static io.healthsync.sandbox.FieldType.PICKLIST;
import static io.healthsync.sandbox.FieldType.REFERENCE;
import static io.healthsync.sandbox.FieldType.STRING;
import static io.healthsync.sandbox.FieldType.TEXTAREA;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The sObjects the sandbox org has, defined once: the describe, SOQL and the collections writer all read
 * these definitions. Standard fields follow the real describe's names, types and writability (e.g.
 * Task.AccountId is derived and read-only); the custom fields are the ones healthsync's deploy/ adds.
 */
final class SandboxSchema {

    static final String USER = "User";
    static final String ACCOUNT = "Account";
    static final String TASK = "Task";
    static final String EVENT = "Event";
    static final String OPPORTUNITY = "Opportunity";
    /** The External ID healthsync upserts its playbook Tasks and Opportunities by. */
    static final String HEALTHSYNC_KEY = "Healthsync_Key__c";

    static final List<String> OPPORTUNITY_STAGES = List.of("Prospecting", "Qualification", "Needs Analysis",
            "Value Proposition", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost");
    static final List<String> INDUSTRIES = List.of("Agriculture", "Apparel", "Banking", "Biotechnology",
            "Chemicals", "Communications", "Construction", "Consulting", "Education", "Electronics", "Energy",
            "Engineering", "Entertainment", "Finance", "Food & Beverage", "Healthcare", "Hospitality",
            "Insurance", "Manufacturing", "Media", "Retail", "Technology", "Telecommunications", "Transportation",
            "Other");

    private final Map<String, SObjectSchema> byLowerName = new LinkedHashMap<>();

    SandboxSchema() {
        for (SObjectSchema schema : List.of(user(), account(), task(), event(), opportunity())) {
            byLowerName.put(schema.name().toLowerCase(Locale.ROOT), schema);
        }
    }

    Optional<SObjectSchema> find(String sobject) {
        return Optional.ofNullable(byLowerName.get(sobject.toLowerCase(Locale.ROOT)));
    }

    SObjectSchema get(String sobject) {
        return find(sobject).orElseThrow(() -> new IllegalArgumentException("no sObject " + sobject));
    }

    Collection<SObjectSchema> all() {
        return byLowerName.values();
    }

    private static List<FieldDef> withAudit(String label, List<FieldDef.Builder> specific, boolean deletable) {
        List<FieldDef> fields = new ArrayList<>();
        fields.add(field("Id", label + " ID", ID).system().build());
        if (deletable) {
            fields.add(field("IsDeleted", "Deleted", BOOLEAN).system().build());
        }
        specific.forEach(b -> fields.add(b.build()));
        fields.add(field("CreatedDate", "Created Date", DATETIME).system().build());
        fields.add(field("LastModifiedDate", "Last Modified Date", DATETIME).system().build());
        fields.add(field("SystemModstamp", "System Modstamp", DATETIME).system().build());
        return fields;
    }

    private static SObjectSchema user() {
        return new SObjectSchema(USER, "User", "Users", "005", withAudit("User", List.of(
                field("Username", "Username", STRING).length(80).required(),
                field("Name", "Full Name", STRING).length(121).readOnly().required(),
                field("FirstName", "First Name", STRING).length(40),
                field("LastName", "Last Name", STRING).length(80).required(),
                field("Email", "Email", EMAIL).length(128).required(),
                field("Title", "Title", STRING).length(80),
                field("IsActive", "Active", BOOLEAN).required().defaulted(),
                field("UserType", "User Type", PICKLIST).picklist("Standard", "AutomatedProcess").readOnly()),
                false));
    }

    private static SObjectSchema account() {
        return new SObjectSchema(ACCOUNT, "Account", "Accounts", "001", withAudit("Account", List.of(
                field("Name", "Account Name", STRING).length(255).required(),
                field("Type", "Account Type", PICKLIST).picklist("Prospect", "Customer", "Customer - Direct",
                        "Customer - Channel", "Channel Partner / Reseller", "Technology Partner", "Other"),
                field("Industry", "Industry", PICKLIST).picklist(INDUSTRIES.toArray(String[]::new)),
                field("NumberOfEmployees", "Employees", INT).number(8, 0),
                field("Website", "Website", STRING).length(255),
                field("OwnerId", "Owner ID", REFERENCE).required().defaulted().references("Owner", USER),
                field("Customer_Segment__c", "Customer Segment", PICKLIST)
                        .picklist("Enterprise", "Mid-Market", "SMB").restricted(),
                field("ARR__c", "ARR", CURRENCY).number(16, 2),
                field("Seats_Licensed__c", "Seats Licensed", DOUBLE).number(18, 0),
                field("Contract_Start_Date__c", "Contract Start Date", DATE),
                field("Renewal_Date__c", "Renewal Date", DATE),
                field("Health_Score__c", "Health Score", DOUBLE).number(3, 0),
                field("Health_Band__c", "Health Band", PICKLIST).picklist("Red", "Yellow", "Green").restricted(),
                field("Health_Drivers__c", "Health Drivers", STRING).length(255),
                field("Health_Updated__c", "Health Updated", DATETIME),
                field("Churn_Risk__c", "Churn Risk", PERCENT).number(3, 0),
                field("Expansion_Propensity__c", "Expansion Propensity", PERCENT).number(3, 0)),
                true));
    }

    private static SObjectSchema task() {
        return new SObjectSchema(TASK, "Task", "Tasks", "00T", withAudit("Task", List.of(
                field("AccountId", "Account ID", REFERENCE).readOnly().references("Account", ACCOUNT),
                field("WhatId", "Related To ID", REFERENCE).references("What", ACCOUNT, OPPORTUNITY),
                field("OwnerId", "Assigned To ID", REFERENCE).required().defaulted().references("Owner", USER),
                field("Subject", "Subject", COMBOBOX).length(255),
                field("Type", "Type", PICKLIST).picklist("Call", "Email", "Meeting", "Other"),
                field("TaskSubtype", "Task Subtype", PICKLIST).picklist("Task", "Email", "Call").createOnly(),
                field("Status", "Status", PICKLIST).required().defaulted().restricted()
                        .picklist("Not Started", "In Progress", "Completed", "Waiting on someone else", "Deferred"),
                field("Priority", "Priority", PICKLIST).required().defaulted().picklist("High", "Normal", "Low"),
                field("ActivityDate", "Due Date Only", DATE),
                field("CompletedDateTime", "Completed Date/Time", DATETIME).readOnly(),
                field("IsClosed", "Closed", BOOLEAN).system(),
                field("CallDurationInSeconds", "Call Duration", INT).number(8, 0),
                field("Description", "Comments", TEXTAREA).length(32_000),
                field(HEALTHSYNC_KEY, "Healthsync Key", STRING).length(255).externalId()),
                true));
    }

    private static SObjectSchema event() {
        return new SObjectSchema(EVENT, "Event", "Events", "00U", withAudit("Event", List.of(
                field("AccountId", "Account ID", REFERENCE).readOnly().references("Account", ACCOUNT),
                field("WhatId", "Related To ID", REFERENCE).references("What", ACCOUNT, OPPORTUNITY),
                field("OwnerId", "Assigned To ID", REFERENCE).required().defaulted().references("Owner", USER),
                field("Subject", "Subject", COMBOBOX).length(255),
                field("Type", "Type", PICKLIST).picklist("Call", "Email", "Meeting", "Other"),
                field("StartDateTime", "Start Date Time", DATETIME),
                field("EndDateTime", "End Date Time", DATETIME),
                field("ActivityDateTime", "Due Date Time", DATETIME),
                field("ActivityDate", "Due Date Only", DATE),
                field("DurationInMinutes", "Duration", INT).number(8, 0),
                field("Description", "Description", TEXTAREA).length(32_000)),
                true));
    }

    private static SObjectSchema opportunity() {
        return new SObjectSchema(OPPORTUNITY, "Opportunity", "Opportunities", "006", withAudit("Opportunity", List.of(
                field("AccountId", "Account ID", REFERENCE).references("Account", ACCOUNT),
                field("Name", "Name", STRING).length(120).required(),
                field("StageName", "Stage", PICKLIST).required().restricted()
                        .picklist(OPPORTUNITY_STAGES.toArray(String[]::new)),
                field("Type", "Opportunity Type", PICKLIST).picklist("New Business", "Renewal", "Upsell",
                        "Existing Customer - Upgrade", "Existing Customer - Replacement",
                        "Existing Customer - Downgrade", "New Customer"),
                field("Amount", "Amount", CURRENCY).number(18, 2),
                field("CloseDate", "Close Date", DATE).required(),
                field("IsClosed", "Closed", BOOLEAN).system(),
                field("IsWon", "Won", BOOLEAN).system(),
                field("OwnerId", "Owner ID", REFERENCE).required().defaulted().references("Owner", USER),
                field("LeadSource", "Lead Source", PICKLIST).picklist("Web", "Phone Inquiry", "Partner Referral",
                        "Purchased List", "Customer Success", "Other"),
                field("Description", "Description", TEXTAREA).length(32_000),
                field(HEALTHSYNC_KEY, "Healthsync Key", STRING).length(255).externalId()),
                true));
    }
}
