package io.healthsync.sandbox.company;

import java.time.Instant;
import java.util.List;

/**
 * Everything the sources know of one customer: its usage, tickets, subscription and the renewals decided
 * in the served window, plus how its records identify it in each source (the realistic mess).
 *
 * @param requesters        the account's end users in Zendesk (names; emails at the account's domain)
 * @param zendeskExternalId whether its Zendesk organization carries the CRM id as external_id (else it
 *                          matches by domain only, or, for a stray, not at all)
 * @param churnedAt         the day its subscription ended, or null
 * @param since             when it became a customer in the sources (the contract start, or the day the
 *                          sources were set up when that is later)
 */
public record AccountHistory(CompanyAccount account, DailyUsage usage, List<Ticket> tickets, Billing billing,
                             List<RenewalDecision> renewals, List<String> requesters, boolean zendeskExternalId,
                             Instant churnedAt, Instant since) {

    public String key() {
        return account.key();
    }
}
