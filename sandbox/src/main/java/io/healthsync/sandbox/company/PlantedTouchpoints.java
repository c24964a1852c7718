package io.healthsync.sandbox.company;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The planted touchpoint effects on renewal, for attribution to recover. Before each renewal (contract
 * anniversary) of a CRM account, drawn from their own stream (seed, account, renewal date), so no other draw of
 * the company or the CRM moves: a training 60-149 days before with P 0.35, a QBR 40-119 days before with P 0.4,
 * an executive sponsor meeting 20-89 days before with P 0.4. The CRM logs them as Events; the company's churn
 * at that renewal is shifted on the logit scale by {@link #TRAINING} when there was a training and by
 * {@link #QBR_WITH_EXECUTIVE} when there were both a QBR and an executive meeting; either of those alone does
 * nothing. Tickets already follow trouble (busywork that comes with churn), emails and calls are many and
 * follow health, not the other way round.
 */
public final class PlantedTouchpoints {

    public static final double TRAINING = -1.2;
    public static final double QBR_WITH_EXECUTIVE = -1.2;

    /** One planted touchpoint: {@code kind} is training, qbr or exec (the CRM generator's event kinds). */
    public record Touch(String kind, LocalDate date) {
    }

    private PlantedTouchpoints() {
    }

    public static List<Touch> before(long seed, String accountKey, LocalDate renewal) {
        SplittableRandom random = new SplittableRandom(CompanyGenerator.mix(seed, accountKey + "/touchpoints/" + renewal));
        List<Touch> touches = new ArrayList<>();
        boolean training = random.nextDouble() < 0.35;
        int trainingDays = 60 + random.nextInt(90);
        boolean qbr = random.nextDouble() < 0.4;
        int qbrDays = 40 + random.nextInt(80);
        boolean exec = random.nextDouble() < 0.4;
        int execDays = 20 + random.nextInt(70);
        if (training) {
            touches.add(new Touch("training", renewal.minusDays(trainingDays)));
        }
        if (qbr) {
            touches.add(new Touch("qbr", renewal.minusDays(qbrDays)));
        }
        if (exec) {
            touches.add(new Touch("exec", renewal.minusDays(execDays)));
        }
        return touches;
    }

    /** The churn logit's shift at a renewal with these touches before it. */
    public static double churnLogitShift(List<Touch> touches) {
        boolean training = touches.stream().anyMatch(t -> t.kind().equals("training"));
        boolean qbr = touches.stream().anyMatch(t -> t.kind().equals("qbr"));
        boolean exec = touches.stream().anyMatch(t -> t.kind().equals("exec"));
        return (training ? TRAINING : 0) + (qbr && exec ? QBR_WITH_EXECUTIVE : 0);
    }

    /** The renewals a CRM account has in the served window: its contract anniversaries there, up to today. */
    public static List<LocalDate> renewals(LocalDate contractStart, LocalDate today) {
        HistoryWindow window = new HistoryWindow(today);
        List<LocalDate> renewals = new ArrayList<>();
        if (contractStart == null) {
            return renewals;
        }
        for (LocalDate r = contractStart.plusYears(1); !r.isAfter(today); r = r.plusYears(1)) {
            int index = window.index(r);
            if (index >= 0 && index < HistoryWindow.DAYS && window.served(index)) {
                renewals.add(r);
            }
        }
        return renewals;
    }
}
