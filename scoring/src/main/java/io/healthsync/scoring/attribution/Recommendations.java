package io.healthsync.scoring.attribution;

import io.healthsync.model.OutcomeKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Plain-language recommendations, each built only from figures of the report (credit and its interval, ROI,
 * timing, counts, pairs, segments); a figure whose interval spans zero is never turned into advice to do more.
 */
public final class Recommendations {

    private Recommendations() {
    }

    public static List<String> of(OutcomeKind outcome, List<TouchpointFigure> overall, List<PairEffect> pairs,
                                  List<SegmentFigures> segments) {
        String noun = noun(outcome);
        boolean churn = outcome == OutcomeKind.CHURNED;
        List<String> out = new ArrayList<>();
        // what works: credit clearly helping the outcome we want (for churn: clearly below zero)
        for (TouchpointFigure f : overall) {
            boolean helps = churn ? f.creditInterval().upper() < 0 : f.creditInterval().lower() > 0;
            if (helps && f.roi() != null && out.size() < 3) {
                out.add(String.format(Locale.ROOT, "%s carries %s of %s credit (95%% CI %s to %s) at %s ROI%s: "
                                + "keep or add it where it is missing.", capital(Format.type(f.touchpoint())),
                        Format.percent(f.credit()), noun, Format.percent(f.creditInterval().lower()),
                        Format.percent(f.creditInterval().upper()), Format.ratio(f.roi()), timing(f.timing(), outcome)));
            }
        }
        for (TouchpointFigure f : overall) {
            boolean warns = churn ? f.creditInterval().lower() > 0 : f.creditInterval().upper() < 0;
            if (warns) {
                out.add(String.format(Locale.ROOT, "%s comes with %s (credit %s, 95%% CI %s to %s, %,d touchpoints): it "
                                + "follows trouble rather than fixing it; read it as a warning sign, not as work that %s.",
                        capital(Format.type(f.touchpoint())), churn ? "churn" : "fewer " + plural(noun),
                        Format.percent(f.credit()), Format.percent(f.creditInterval().lower()),
                        Format.percent(f.creditInterval().upper()), f.count(), churn ? "prevents churn" : "earns " + plural(noun)));
            }
        }
        TouchpointFigure costly = null;
        for (TouchpointFigure f : overall) {
            boolean unclear = f.creditInterval().lower() <= 0 && f.creditInterval().upper() >= 0;
            if (unclear && f.cost() > 0 && (costly == null || f.cost() > costly.cost())) {
                costly = f;
            }
        }
        if (costly != null) {
            out.add(String.format(Locale.ROOT, "%s shows no measurable effect on %s (credit %s, 95%% CI %s to %s) "
                            + "across %,d touchpoints costing %s: hours there could go to what works.",
                    capital(Format.type(costly.touchpoint())), noun, Format.percent(costly.credit()),
                    Format.percent(costly.creditInterval().lower()), Format.percent(costly.creditInterval().upper()),
                    costly.count(), Format.money(costly.cost())));
        }
        for (PairEffect p : pairs.stream().limit(2).toList()) {
            out.add(String.format(Locale.ROOT, "%s %s %s: %s rate %s, %s what the two explain apart (%,d journeys, "
                            + "95%% CI %s to %s).", capital(Format.type(p.touchpoints().get(0))),
                    p.ordered() ? "followed by" : "together with", Format.type(p.touchpoints().get(1)), noun,
                    Format.percent(p.rate()), Format.ratio(p.lift()), p.count(), Format.ratio(p.interval().lower()),
                    Format.ratio(p.interval().upper())));
        }
        for (SegmentFigures s : segments) {
            if (s.lowSample()) {
                out.add(String.format(Locale.ROOT, "%s has only %,d journeys: its figures are marked low-sample and "
                        + "their intervals are wide; do not act on them alone.", s.segment(), s.journeys()));
            } else if (!s.top().isEmpty()) {
                TouchpointFigure f = s.top().get(0);
                boolean clear = churn ? f.creditInterval().upper() < 0 : f.creditInterval().lower() > 0;
                if (clear && f.roi() != null) {
                    out.add(String.format(Locale.ROOT, "For %s, %s leads: %s of %s credit at %s ROI (%,d journeys).",
                            s.segment(), Format.type(f.touchpoint()), Format.percent(f.credit()), noun,
                            Format.ratio(f.roi()), s.journeys()));
                }
            }
        }
        return out;
    }

    private static String timing(TimingWindow timing, OutcomeKind outcome) {
        if (timing == null) {
            return "";
        }
        return String.format(Locale.ROOT, ", most %d-%d days before the %s (%s of %,d journeys with it then reached "
                        + "it, against %s without it)", timing.fromDays(), timing.toDays(), event(outcome),
                Format.percent(timing.rate()), timing.journeys(), Format.percent(timing.rateWithout()));
    }

    static String noun(OutcomeKind outcome) {
        return switch (outcome) {
            case RENEWED -> "renewal";
            case EXPANDED -> "expansion";
            case CHURNED -> "churn";
            case CONTRACTED -> "contraction";
        };
    }

    private static String event(OutcomeKind outcome) {
        return outcome == OutcomeKind.EXPANDED ? "expansion" : "renewal date";
    }

    private static String plural(String noun) {
        return noun + "s";
    }

    private static String capital(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
