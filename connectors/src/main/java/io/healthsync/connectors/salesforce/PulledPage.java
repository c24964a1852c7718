package io.healthsync.connectors.salesforce;

import io.healthsync.model.Account;
import io.healthsync.model.Activity;
import io.healthsync.model.CrmUser;
import io.healthsync.model.Opportunity;
import io.healthsync.model.QuarantinedRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * One query page turned into canonical records, tombstones of deleted records, and quarantined records,
 * plus the cursor that is valid once all of them are stored: the cursor moves past a quarantined record
 * too, which stays reported in the quarantine table instead of being read again on every run. The store
 * saves the cursor in the same transaction as the page's last records (a large page's first records may go in
 * transactions before it: stored twice after a crash, never lost).
 */
public final class PulledPage {

    private final SalesforceObject object;
    private final List<Account> accounts = new ArrayList<>();
    private final List<Activity> activities = new ArrayList<>();
    private final List<Opportunity> opportunities = new ArrayList<>();
    private final List<CrmUser> users = new ArrayList<>();
    private final List<QuarantinedRecord> quarantined = new ArrayList<>();
    private final List<String> deletedIds = new ArrayList<>();
    private final List<String> playbookRecordIds = new ArrayList<>();
    private final List<String> mappedIds = new ArrayList<>();
    private SalesforceCursor cursor;
    private int records;

    public PulledPage(SalesforceObject object) {
        this.object = object;
    }

    public SalesforceObject object() {
        return object;
    }

    public List<Account> accounts() {
        return accounts;
    }

    public List<Activity> activities() {
        return activities;
    }

    public List<Opportunity> opportunities() {
        return opportunities;
    }

    public List<CrmUser> users() {
        return users;
    }

    public List<QuarantinedRecord> quarantined() {
        return quarantined;
    }

    /** Records Salesforce reports deleted (IsDeleted, from queryAll): stored as tombstones. */
    public List<String> deletedIds() {
        return deletedIds;
    }

    /**
     * Tasks and Opportunities healthsync's playbooks created, read back: not signals of the account, so stored
     * as tombstones like deleted records (which also removes a copy stored before).
     */
    public List<String> playbookRecordIds() {
        return playbookRecordIds;
    }

    /** Records that mapped (or are tombstones): any earlier quarantine row of theirs is resolved. */
    public List<String> mappedIds() {
        return mappedIds;
    }

    /** The cursor after this page; null when no record carried a usable (SystemModstamp, Id). */
    public SalesforceCursor cursor() {
        return cursor;
    }

    void advanceCursor(SalesforceCursor next) {
        this.cursor = next;
    }

    /** Records the page held, including quarantined ones. */
    public int records() {
        return records;
    }

    void countRecord() {
        records++;
    }

    /**
     * This page's cursor also covers {@code earlier} records stored before it without one (the earlier results
     * pages of a bulk query job): the store counts the records stored through a cursor by {@link #records()}.
     */
    void coverEarlierRecords(int earlier) {
        records += earlier;
    }
}
