package io.healthsync.scoring.attribution;

import io.healthsync.model.OutcomeKind;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Journeys with planted effects, seeded. Renewal: logit = 0.3 + 1.2 [training] + 1.5 [qbr and executive_meeting
 * both] - 2.0 [trouble]. Training truly raises renewal; qbr and executive_meeting work only together; escalation
 * is busywork that follows trouble (3 a journey in trouble, 0.3 otherwise) and changes nothing itself; onboarding
 * is on 95% of journeys and email on all (the last touch, days before the renewal), and neither does anything.
 * A third of the accounts are Enterprise, the rest SMB.
 */
final class SyntheticJourneys {

    static final List<String> TYPES = List.of("email", "escalation", "executive_meeting", "onboarding", "qbr", "training");
    static final LocalDate BASE = LocalDate.of(2025, 1, 1);

    private SyntheticJourneys() {
    }

    static List<Journey> planted(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Journey> journeys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LocalDate renewal = BASE.plusDays(random.nextInt(365));
            boolean trouble = random.nextDouble() < 0.3;
            boolean training = random.nextDouble() < 0.4;
            boolean qbr = random.nextDouble() < 0.5;
            boolean exec = random.nextDouble() < 0.5;
            List<Touchpoint> tps = new ArrayList<>();
            if (random.nextDouble() < 0.95) {
                tps.add(at("onboarding", renewal, 160 + random.nextInt(15)));
            }
            if (training) {
                tps.add(at("training", renewal, 100 + random.nextInt(50)));
            }
            if (qbr) {
                tps.add(at("qbr", renewal, 60 + random.nextInt(60)));
            }
            if (exec) {
                tps.add(at("executive_meeting", renewal, 30 + random.nextInt(60)));
            }
            int escalations = poisson(trouble ? 3 : 0.3, random);
            for (int e = 0; e < escalations; e++) {
                tps.add(at("escalation", renewal, 10 + random.nextInt(150)));
            }
            int emails = 1 + poisson(3, random);
            for (int e = 0; e < emails - 1; e++) {
                tps.add(at("email", renewal, 6 + random.nextInt(170)));
            }
            tps.add(at("email", renewal, 1 + random.nextInt(5)));
            double logit = 0.3 + 1.2 * (training ? 1 : 0) + 1.5 * (qbr && exec ? 1 : 0) - 2.0 * (trouble ? 1 : 0);
            boolean renewed = random.nextDouble() < 1 / (1 + Math.exp(-logit));
            String segment = i % 3 == 0 ? "Enterprise" : "SMB";
            journeys.add(new Journey("acc-" + i, segment, tps, renewed ? OutcomeKind.RENEWED : OutcomeKind.CHURNED,
                    renewal, segment.equals("Enterprise") ? 60_000 : 6_000));
        }
        return journeys;
    }

    private static Touchpoint at(String type, LocalDate renewal, int daysBefore) {
        return new Touchpoint(type, renewal.minusDays(daysBefore).atTime(15, 0).toInstant(ZoneOffset.UTC));
    }

    private static int poisson(double mean, SplittableRandom random) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            n++;
            product *= random.nextDouble();
        }
        return n;
    }
}
