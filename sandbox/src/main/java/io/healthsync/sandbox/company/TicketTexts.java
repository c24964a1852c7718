package io.healthsync.sandbox.company;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Subjects and descriptions of support tickets: everyday questions, angrier wording for unhappy accounts,
 * and the cancellation-intent phrases a taxonomy should catch ("cancel our subscription", "not renewing",
 * "switching to another vendor", ...).
 */
final class TicketTexts {

    /** Phrases that signal an intent to leave; each intent ticket carries exactly one. */
    static final List<String> INTENT_PHRASES = List.of("cancel our subscription", "not renewing",
            "switching to another vendor", "terminate our contract", "looking at alternatives");

    private static final List<String[]> ISSUES = List.of(
            new String[] {"Dashboard not loading", "The main dashboard spins forever for several of our users"},
            new String[] {"How do I export a report to CSV?", "We need to share the weekly report with finance"},
            new String[] {"Salesforce sync failing", "The nightly sync stopped with an authentication error"},
            new String[] {"Add new users to our workspace", "We hired a new team and need seats for them"},
            new String[] {"Workflow stopped running", "Our approval workflow has not triggered since Monday"},
            new String[] {"Question about our invoice", "The last invoice shows more seats than we expected"},
            new String[] {"SSO login issue", "Users get an error after the identity provider redirect"},
            new String[] {"Feature request: custom fields in reports", "We would like to filter reports by region"},
            new String[] {"Data missing after integration sync", "Records from yesterday are not showing up"},
            new String[] {"Slow performance on large dashboards", "Dashboards with many widgets take a minute"},
            new String[] {"Permissions for team leads", "How can team leads see only their team's data?"},
            new String[] {"API rate limit question", "Our script hits 429 responses during the import"});
    private static final List<String> ANGRY_PREFIXES = List.of("Still broken: ", "URGENT: ", "Again: ",
            "Very disappointed - ");
    private static final List<String> INTENT_SENTENCES = List.of(
            "If this is not fixed this month we will cancel our subscription.",
            "Leadership has told me we are not renewing unless this improves.",
            "We are seriously considering switching to another vendor.",
            "Please tell us how to terminate our contract at the renewal.",
            "Honestly we are looking at alternatives now.");

    private TicketTexts() {
    }

    /** [subject, description]. */
    static String[] next(SplittableRandom random, boolean angry, boolean intent) {
        String[] issue = ISSUES.get(random.nextInt(ISSUES.size()));
        String subject = (angry ? ANGRY_PREFIXES.get(random.nextInt(ANGRY_PREFIXES.size())) : "") + issue[0];
        String description = "Hi team, " + issue[1].substring(0, 1).toLowerCase() + issue[1].substring(1) + ".";
        if (angry) {
            description += " This is the second time we report it and nobody got back to us.";
        }
        if (intent) {
            description += " " + INTENT_SENTENCES.get(random.nextInt(INTENT_SENTENCES.size()));
        }
        return new String[] {subject, description};
    }

    static boolean hasIntentPhrase(String text) {
        String lower = text.toLowerCase();
        return INTENT_PHRASES.stream().anyMatch(lower::contains);
    }
}
