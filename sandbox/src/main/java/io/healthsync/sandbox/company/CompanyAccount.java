package io.healthsync.sandbox.company;

import io.healthsync.sandbox.AccountProfile;
import java.time.LocalDate;

/**
 * One customer of the synthetic company as every source sees it: the CRM's facts and the hidden health the
 * sources' signals follow. A stray (inCrm false) is a customer the CRM does not know: its Stripe customer
 * and Zendesk organization match no account (no CRM id, a domain no account has).
 *
 * @param key    stable key of the customer within the company: the CRM id, or "stray-N"
 * @param crmId  the Salesforce Account Id, null for a stray
 * @param domain the web domain without "www." (from the Account's Website)
 * @param seats  Seats_Licensed__c
 * @param health hidden health today, 0..1
 */
public record CompanyAccount(String key, String crmId, String name, String domain, String segment, int seats,
                             double arr, LocalDate contractStart, LocalDate renewal, double health) {

    public static CompanyAccount of(AccountProfile profile) {
        String website = profile.website() == null ? "" : profile.website();
        String domain = website.replaceFirst("^https?://", "").replaceFirst("^www\\.", "");
        return new CompanyAccount(profile.id(), profile.id(), profile.name(), domain, profile.segment(),
                profile.seats(), profile.arr(), profile.contractStart(), profile.renewal(), profile.health());
    }

    public boolean inCrm() {
        return crmId != null;
    }
}
