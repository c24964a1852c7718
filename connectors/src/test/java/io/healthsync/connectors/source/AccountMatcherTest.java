package io.healthsync.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.model.AccountKey;
import io.healthsync.model.Activity;
import io.healthsync.model.ActivityType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccountMatcherTest {

    private static final AccountIndex.Entry ACME = new AccountIndex.Entry("001A000000000001AA", "acme.com");

    private static SourcePage ticketOf(String organization) {
        SourcePage page = new SourcePage();
        page.activities().add(new Keyed<>("ticket/1", List.of(AccountKey.link(organization)), new Activity("zendesk",
                "ticket/1", null, ActivityType.TICKET_OPENED, "ticket", "normal", Instant.parse("2026-11-02T10:00:00Z"),
                null, null, Map.of())));
        return page;
    }

    private static SourcePage organization(String id, String domain) {
        SourcePage page = new SourcePage();
        page.links().add(new AccountLink(id, "Org " + id, List.of(AccountKey.domain(domain))));
        return page;
    }

    @Test
    void a_record_left_unmatched_before_a_link_was_learned_was_not_tried_against_every_link() {
        AccountIndex index = new AccountIndex(List.of(ACME), Map.of());
        AccountMatcher matcher = new AccountMatcher("zendesk", index);
        assertThat(matcher.match("tickets", ticketOf("org-1")).unmatched).hasSize(1);
        assertThat(matcher.unmatchedTriedAgainstEveryLink()).isTrue();

        matcher.match("organizations", organization("org-1", "acme.com")); // learned after the ticket stayed unmatched
        assertThat(matcher.unmatchedTriedAgainstEveryLink()).isFalse();
    }

    @Test
    void links_learned_first_then_records_left_unmatched_were_tried_against_every_link() {
        AccountIndex index = new AccountIndex(List.of(ACME), Map.of());
        AccountMatcher matcher = new AccountMatcher("zendesk", index);
        matcher.match("organizations", organization("org-1", "acme.com"));
        matcher.match("organizations", organization("org-9", "stray.example")); // a link left unmatched: by domain only
        assertThat(matcher.match("tickets", ticketOf("org-9")).unmatched).hasSize(1);
        assertThat(matcher.unmatchedTriedAgainstEveryLink()).isTrue();
        // the index it learned is the one a pull builds from the store afterwards: the same fingerprint
        assertThat(index.fingerprint()).isEqualTo(new AccountIndex(List.of(ACME), Map.of("org-1", ACME.crmId()))
                .fingerprint());
    }

    @Test
    void older_unmatched_records_not_tried_count_as_left_unmatched_from_the_start() {
        AccountIndex index = new AccountIndex(List.of(ACME), Map.of());
        AccountMatcher matcher = new AccountMatcher("zendesk", index);
        matcher.olderUnmatchedNotTried();
        assertThat(matcher.unmatchedTriedAgainstEveryLink()).isTrue();
        matcher.match("organizations", organization("org-1", "acme.com"));
        assertThat(matcher.unmatchedTriedAgainstEveryLink()).isFalse();
    }

    @Test
    void a_link_learned_for_another_entity_than_an_unmatched_record_names_leaves_it_tried_against_every_link() {
        AccountIndex index = new AccountIndex(List.of(ACME), Map.of());
        AccountMatcher matcher = new AccountMatcher("zendesk", index);
        assertThat(matcher.match("tickets", ticketOf("org-9")).unmatched).hasSize(1);
        // a ticket of a stray organization, then organizations learned as they come: none is org-9
        matcher.match("organizations", organization("org-1", "acme.com"));
        matcher.match("organizations", organization("org-9", "stray.example"));
        assertThat(matcher.unmatchedTriedAgainstEveryLink()).isTrue();

        matcher.match("organizations", organization("org-9", "acme.com")); // org-9 now links: the ticket would match
        assertThat(matcher.unmatchedTriedAgainstEveryLink()).isFalse();
    }

    @Test
    void a_record_left_unmatched_again_by_a_rematch_counts_its_link_keys_too() throws Exception {
        AccountIndex index = new AccountIndex(List.of(ACME), Map.of());
        AccountMatcher matcher = new AccountMatcher("zendesk", index);
        UnmatchedRecord stored = matcher.match("tickets", ticketOf("org-9")).unmatched.get(0);
        AccountMatcher next = new AccountMatcher("zendesk", index);
        assertThat(next.rematch(List.of(stored)).rematched).isEmpty();
        next.match("organizations", organization("org-1", "acme.com"));
        assertThat(next.unmatchedTriedAgainstEveryLink()).isTrue();
        next.match("organizations", organization("org-9", "acme.com"));
        assertThat(next.unmatchedTriedAgainstEveryLink()).isFalse();
    }
}
