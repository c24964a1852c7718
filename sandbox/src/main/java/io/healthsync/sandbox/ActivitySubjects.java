package io.healthsync.sandbox;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Subjects as CSMs really type them: inconsistent case, abbreviations, and about 5% that say nothing useful.
 * The mess is the point: healthsync's taxonomy has to classify them.
 */
final class ActivitySubjects {

    private static final List<String> CALLS = List.of("Check-in call", "check in call", "Touch base",
            "Status call", "Call", "Renewal discussion", "Kickoff call", "Weekly sync", "Follow up call",
            "Call w/ champion", "Check-in call");
    private static final List<String> EMAILS = List.of("Follow-up email", "Sent email: pricing",
            "Email: renewal quote", "Re: onboarding questions", "Email", "Sent email: QBR deck",
            "Fwd: usage report", "Follow-up email");
    private static final List<String> MEETINGS = List.of("QBR", "Q%d QBR", "Quarterly business review",
            "Onboarding kickoff", "Training session", "Admin training", "Exec sponsor meeting", "Lunch w/ champion",
            "Meeting", "Weekly sync", "Renewal discussion");
    private static final List<String> OTHER = List.of("Touch base", "Check-in call", "Call", "Follow up",
            "Meeting", "Status call");
    /** Null stands for the empty subject: Salesforce stores an empty text value as null. */
    private static final List<String> ODD = Arrays.asList("misc", "FYI", "pinged them on slack", null,
            "N/A", "see notes", "LVM", "tbd");

    private final SplittableRandom random;

    ActivitySubjects(SplittableRandom random) {
        this.random = random;
    }

    String task(String type, LocalDate date) {
        if (random.nextInt(20) == 0) {
            return pick(ODD);
        }
        List<String> choices = switch (type == null ? "" : type) {
            case "Call" -> CALLS;
            case "Email" -> EMAILS;
            case "Meeting" -> MEETINGS;
            default -> OTHER;
        };
        return quarterly(pick(choices), date);
    }

    /** An event subject for a kind of meeting (qbr, onboarding, training, exec, renewal, sync, lunch). */
    String event(String kind, LocalDate date) {
        if (random.nextInt(20) == 0) {
            return pick(ODD);
        }
        return switch (kind) {
            case "qbr" -> quarterly(pick(List.of("QBR", "Q%d QBR", "Quarterly business review", "Q%d business review",
                    "QBR - exec readout")), date);
            case "onboarding" -> pick(List.of("Onboarding kickoff", "Kickoff call", "Kickoff",
                    "Implementation kickoff"));
            case "training" -> pick(List.of("Training session", "Admin training", "End-user training",
                    "Training: reporting"));
            case "exec" -> pick(List.of("Exec sponsor meeting", "Executive alignment", "Exec sponsor sync"));
            case "renewal" -> pick(List.of("Renewal discussion", "Renewal planning", "Contract review"));
            case "lunch" -> pick(List.of("Lunch w/ champion", "Coffee w/ champion"));
            default -> pick(List.of("Weekly sync", "Meeting", "Status meeting"));
        };
    }

    /** Fills in "Q%d" with the calendar quarter of the date. */
    private static String quarterly(String subject, LocalDate date) {
        return subject.contains("%d") ? String.format(subject, (date.getMonthValue() - 1) / 3 + 1) : subject;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
