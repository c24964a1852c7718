package io.healthsync.scoring.attribution;

import static io.healthsync.scoring.evaluation.BacktestPage.escape;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The attribution report as one self-contained HTML page: charts are inline SVG (nothing is loaded from the
 * network), each with a title and a description for screen readers and the same figures in a table beside it;
 * colours are paired with signs and labels, so nothing is told by colour alone. Touchpoint names and segments
 * come from the customer's data and are escaped.
 */
public final class AttributionPage {

    private static final String POSITIVE = "#1f5f99";
    private static final String NEGATIVE = "#b3401a";
    private static final int LABEL = 190;
    private static final int PLOT = 560;
    private static final int ROW = 26;

    private AttributionPage() {
    }

    public static String render(AttributionReport r) {
        StringBuilder html = new StringBuilder(64 * 1024);
        String title = "Touchpoint attribution: " + Recommendations.noun(kind(r)) + (r.segment() == null ? "" : ", " + r.segment());
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1a1a1a;")
                .append("background:#fff;max-width:1000px;margin:2em auto;padding:0 1em;line-height:1.45}\n")
                .append("h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:2em}\n")
                .append(".sub{color:#404040;margin-top:0}.low{color:#8a4b00;font-weight:600}\n")
                .append(".note{background:#f2f2f2;border-left:4px solid #595959;padding:.5em .8em}\n")
                .append("svg{max-width:100%;height:auto;font-size:13px}\n")
                .append("table{border-collapse:collapse;margin-top:.5em}th,td{border:1px solid #bfbfbf;padding:.3em .6em;")
                .append("text-align:right}th:first-child,td:first-child{text-align:left}thead th{background:#f2f2f2}\n")
                .append("</style>\n</head>\n<body>\n<main>\n");
        html.append("<h1>").append(escape(title)).append("</h1>\n<p class=\"sub\">")
                .append(String.format(Locale.ROOT, "%,d journeys, %,d of them %s (%s) &middot; touchpoints %s &middot; "
                                + "primary model: %s &middot; %s", r.journeys(), r.reached(), escape(r.outcome()),
                        r.journeys() == 0 ? "-" : Format.percent((double) r.reached() / r.journeys()),
                        r.windowDays() == null ? "over the whole lifecycle" : "of the " + r.windowDays() + " days before",
                        escape(r.primary()), escape(r.source())))
                .append("</p>\n");
        html.append("<h2>Recommendations</h2>\n");
        if (r.recommendations().isEmpty()) {
            html.append("<p>No figure is clear enough to recommend anything yet.</p>\n");
        } else {
            html.append("<ul>\n");
            r.recommendations().forEach(text -> html.append("<li>").append(escape(text)).append("</li>\n"));
            html.append("</ul>\n");
        }
        html.append("<h2>Credit by touchpoint (").append(escape(r.primary())).append(")</h2>\n")
                .append("<p>Each bar is the touchpoint's share of the credit; the line across it is the 95% bootstrap "
                        + "interval. Bars to the left of zero (marked &minus;) are touchpoints that come with fewer ")
                .append(escape(plural(r))).append(" than journeys without them.</p>\n");
        creditChart(html, "credit", r.touchpoints());
        figureTable(html, r.touchpoints());
        html.append("<h2>Top ").append(AttributionReport.TOP_OVERALL).append(" by ROI</h2>\n");
        roiChart(html, "roi", r.topByRoi());
        html.append("<h2>Every model</h2>\n<p>The rule-based models only look at journeys that reached the outcome, "
                + "so they cannot tell a touchpoint that helps from one that is merely there; Shapley values each type by "
                + "what a fitted outcome model gains from it against journeys without it; Markov by the paths lost "
                + "when it is removed.</p>\n");
        modelTable(html, r.models());
        if (!r.disagreements().isEmpty()) {
            html.append("<div class=\"note\"><p><b>Where Shapley and Markov disagree, and why</b></p><ul>\n");
            r.disagreements().forEach(d -> html.append("<li>").append(escape(d)).append("</li>\n"));
            html.append("</ul></div>\n");
        }
        html.append("<h2>Pairs and sequences</h2>\n");
        if (r.pairs().isEmpty()) {
            html.append("<p>No pair or sequence does clearly better than its parts explain (at least ")
                    .append(PairEffects.MIN_COUNT).append(" journeys, interval of the lift above 1).</p>\n");
        } else {
            html.append("<table><thead><tr><th scope=\"col\">touchpoints</th><th scope=\"col\">kind</th><th scope=\"col\">"
                    + "journeys</th><th scope=\"col\">rate</th><th scope=\"col\">expected from the parts</th>"
                    + "<th scope=\"col\">lift (95% CI)</th></tr></thead><tbody>\n");
            for (PairEffect p : r.pairs()) {
                html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td>%,d</td><td>%s</td><td>%s</td>"
                                + "<td>%.2f (%.2f&ndash;%.2f)</td></tr>\n",
                        escape(String.join(p.ordered() ? " then " : " + ", p.touchpoints())), p.ordered() ? "sequence" : "pair",
                        p.count(), Format.percent(p.rate()), Format.percent(p.expected()), p.lift(), p.interval().lower(),
                        p.interval().upper()));
            }
            html.append("</tbody></table>\n");
        }
        for (SegmentFigures s : r.segments()) {
            html.append("<h2>Segment: ").append(escape(s.segment())).append("</h2>\n<p>")
                    .append(String.format(Locale.ROOT, "%,d journeys, %,d reached the outcome.", s.journeys(), s.reached()));
            if (s.lowSample()) {
                html.append(" <span class=\"low\">Low sample: fewer journeys than min_journeys_per_segment; the intervals "
                        + "are wide, read them before the figures.</span>");
            }
            html.append(" Top ").append(AttributionReport.TOP_PER_SEGMENT).append(" by ROI: ")
                    .append(s.top().isEmpty() ? "none with a positive ROI"
                            : escape(String.join(", ", s.top().stream().map(TouchpointFigure::touchpoint).toList())))
                    .append(".</p>\n");
            creditChart(html, "credit-" + s.segment().replaceAll("[^A-Za-z0-9]", ""), s.touchpoints());
            figureTable(html, s.touchpoints());
        }
        html.append("</main>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void creditChart(StringBuilder html, String id, List<TouchpointFigure> rows) {
        double extent = 0.05;
        for (TouchpointFigure f : rows) {
            extent = Math.max(extent, Math.max(Math.abs(f.creditInterval().lower()), Math.abs(f.creditInterval().upper())));
            extent = Math.max(extent, Math.abs(f.credit()));
        }
        int height = 40 + rows.size() * ROW;
        svgOpen(html, id, LABEL + PLOT + 70, height, "Share of credit by touchpoint with 95% intervals",
                describe(rows));
        double zero = LABEL + PLOT / 2.0;
        double scale = PLOT / 2.0 / extent;
        html.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"10\" x2=\"%.1f\" y2=\"%d\" stroke=\"#404040\"/>\n",
                zero, zero, height - 20));
        int y = 20;
        for (TouchpointFigure f : rows) {
            double x = zero + f.credit() * scale;
            boolean negative = f.credit() < 0;
            html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", LABEL - 8,
                    y + 13, escape(Format.type(f.touchpoint()))));
            html.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>\n",
                    Math.min(x, zero), y + 2, Math.abs(x - zero), negative ? NEGATIVE : POSITIVE));
            html.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\" "
                            + "stroke-width=\"2\"/>\n", zero + f.creditInterval().lower() * scale, y + 10,
                    zero + f.creditInterval().upper() * scale, y + 10));
            html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s%s</text>\n", LABEL + PLOT + 6, y + 13,
                    negative ? "\u2212" : "", Format.percent(Math.abs(f.credit()))));
            y += ROW;
        }
        html.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">0</text>\n", zero, height - 5));
        html.append("</svg>\n");
    }

    private static void roiChart(StringBuilder html, String id, List<TouchpointFigure> rows) {
        if (rows.isEmpty()) {
            html.append("<p>No touchpoint has a positive return yet.</p>\n");
            return;
        }
        double max = rows.stream().mapToDouble(TouchpointFigure::roi).max().orElse(1);
        int height = 20 + rows.size() * ROW;
        StringBuilder desc = new StringBuilder();
        rows.forEach(f -> desc.append(Format.type(f.touchpoint())).append(' ').append(Format.ratio(f.roi())).append("; "));
        svgOpen(html, id, LABEL + PLOT + 70, height, "Return on the CSM hours spent, highest first", desc.toString());
        int y = 10;
        for (TouchpointFigure f : rows) {
            html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", LABEL - 8,
                    y + 13, escape(Format.type(f.touchpoint()))));
            html.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"/>\n",
                    LABEL, y + 2, PLOT * f.roi() / max, POSITIVE));
            html.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s (%s on %s)</text>\n",
                    LABEL + PLOT * f.roi() / max + 6, y + 13, Format.ratio(f.roi()), Format.money(f.revenue()),
                    Format.money(f.cost())));
            y += ROW;
        }
        html.append("</svg>\n");
    }

    private static void figureTable(StringBuilder html, List<TouchpointFigure> rows) {
        html.append("<table><thead><tr><th scope=\"col\">touchpoint</th><th scope=\"col\">credit (95% CI)</th>"
                + "<th scope=\"col\">attributed revenue</th><th scope=\"col\">touchpoints</th><th scope=\"col\">cost</th>"
                + "<th scope=\"col\">ROI (95% CI)</th><th scope=\"col\">matters most</th></tr></thead><tbody>\n");
        for (TouchpointFigure f : rows) {
            String roi = f.roi() == null ? "&ndash;" : Format.ratio(f.roi()) + " (" + Format.ratio(f.roiInterval().lower())
                    + "&ndash;" + Format.ratio(f.roiInterval().upper()) + ")";
            String timing = f.timing() == null ? "&ndash;" : String.format(Locale.ROOT, "%d&ndash;%d days before (%s vs %s)",
                    f.timing().fromDays(), f.timing().toDays(), Format.percent(f.timing().rate()),
                    Format.percent(f.timing().rateWithout()));
            html.append(String.format(Locale.ROOT, "<tr><td>%s</td><td>%s (%s&ndash;%s)</td><td>%s</td><td>%,d</td>"
                            + "<td>%s</td><td>%s</td><td>%s</td></tr>\n", escape(Format.type(f.touchpoint())),
                    Format.percent(f.credit()), Format.percent(f.creditInterval().lower()),
                    Format.percent(f.creditInterval().upper()), Format.money(f.revenue()), f.count(),
                    Format.money(f.cost()), roi, timing));
        }
        html.append("</tbody></table>\n");
    }

    private static void modelTable(StringBuilder html, Map<String, Map<String, Double>> models) {
        html.append("<table><thead><tr><th scope=\"col\">touchpoint</th>");
        models.keySet().forEach(m -> html.append("<th scope=\"col\">").append(escape(m)).append("</th>"));
        html.append("</tr></thead><tbody>\n");
        java.util.Set<String> types = new java.util.TreeSet<>();
        models.values().forEach(shares -> types.addAll(shares.keySet()));
        for (String type : types) {
            html.append("<tr><td>").append(escape(Format.type(type))).append("</td>");
            models.values().forEach(shares -> html.append("<td>").append(Format.percent(shares.getOrDefault(type, 0.0)))
                    .append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</tbody></table>\n");
    }

    private static String describe(List<TouchpointFigure> rows) {
        StringBuilder desc = new StringBuilder();
        for (TouchpointFigure f : rows) {
            desc.append(Format.type(f.touchpoint())).append(' ').append(Format.percent(f.credit())).append(" (")
                    .append(Format.percent(f.creditInterval().lower())).append(" to ")
                    .append(Format.percent(f.creditInterval().upper())).append("); ");
        }
        return desc.toString();
    }

    private static void svgOpen(StringBuilder html, String id, int width, int height, String title, String desc) {
        html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\">\n")
                .append("<title id=\"").append(id).append("-title\">").append(escape(title)).append("</title>\n")
                .append("<desc id=\"").append(id).append("-desc\">").append(escape(desc)).append("</desc>\n");
    }

    private static io.healthsync.model.OutcomeKind kind(AttributionReport r) {
        return io.healthsync.model.OutcomeKind.valueOf(r.outcome().toUpperCase(Locale.ROOT));
    }

    private static String plural(AttributionReport r) {
        return Recommendations.noun(kind(r)) + "s";
    }
}
