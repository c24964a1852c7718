package io.healthsync.scoring.evaluation;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The backtest as one HTML page a CS leader can read: the headline figures, the ROC curve, the calibration
 * plot, the cumulative gains by decile, the drivers and the per-fold table. Self-contained on purpose (no
 * script, no font or stylesheet from the network, inline SVG only) so it can be mailed or opened offline;
 * every text that comes from the customer's file (feature names, category values, the file name) is escaped.
 */
public final class BacktestPage {

    /** The one URL on the page: the SVG namespace, which is a name, not something fetched. */
    static final String SVG_NS = "http://www.w3.org/2000/svg";
    private static final String MODEL = "#1b4f8a";
    private static final String LOGISTIC = "#a34700";
    private static final String REFERENCE = "#595959";
    private static final String GRID = "#d9d9d9";
    /** Plot area of the square charts, in SVG units; the margins hold the axes' ticks and labels. */
    private static final int LEFT = 70;
    private static final int TOP = 20;
    private static final int SIZE = 400;
    private static final int MAX_NAME = 42;

    private BacktestPage() {
    }

    public static String render(TrainingReport report, String source) {
        Backtest.Result backtest = report.backtest();
        Backtest.OutOfFold oof = backtest.outOfFold();
        FoldMetrics overall = backtest.overall();
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Churn model backtest: ").append(escape(source)).append("</title>\n")
                .append("<style>\n")
                .append("body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1a1a1a;")
                .append("background:#fff;max-width:980px;margin:2em auto;padding:0 1em;line-height:1.45}\n")
                .append("h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:2em}\n")
                .append(".sub{color:#404040;margin-top:0}\n")
                .append(".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:.8em;margin:1.2em 0}\n")
                .append(".card{border:1px solid #bfbfbf;border-radius:6px;padding:.6em .8em}\n")
                .append(".card b{display:block;font-size:1.6em}.card span{font-size:.85em;color:#404040}\n")
                .append(".note{background:#f2f2f2;border-left:4px solid #595959;padding:.5em .8em}\n")
                .append("svg{max-width:100%;height:auto;font-size:13px}\n")
                .append("p.read{max-width:46em;color:#262626}\n")
                .append("table{border-collapse:collapse;margin-top:.5em}th,td{border:1px solid #bfbfbf;padding:.3em .6em;")
                .append("text-align:right}th:first-child,td:first-child{text-align:left}thead th{background:#f2f2f2}\n")
                .append("</style>\n</head>\n<body>\n");

        html.append("<h1>Churn model backtest</h1>\n<p class=\"sub\">").append(escape(source)).append(" &middot; ")
                .append(String.format(Locale.ROOT, "%,d accounts, %,d churned (%s)", report.rows(), report.positives(),
                        percent(report.rows() == 0 ? Double.NaN : (double) report.positives() / report.rows())))
                .append(" &middot; ").append(report.features()).append(" features &middot; ")
                .append(escape(backtest.protocol())).append("</p>\n");
        html.append("<p class=\"note\">Evaluation only: every figure below comes from accounts the model did not see "
                + "while it was trained (").append(escape(backtest.protocol()))
                .append(", out-of-fold predictions pooled). Nothing was saved or promoted.</p>\n");

        html.append("<div class=\"cards\">\n");
        card(html, "ROC AUC", number(overall.auc(), 3), "How well it ranks churners above the rest: 0.5 is a coin toss, 1 is perfect.");
        card(html, "PR AUC", number(overall.prAuc(), 3), "Precision across all cut-offs; a random list scores the churn rate, "
                + percent(report.rows() == 0 ? Double.NaN : (double) report.positives() / report.rows()) + ".");
        card(html, "Lift at top decile", number(overall.liftTopDecile(), 2) + "&times;",
                "The riskiest 10% hold this many times the average share of churners.");
        card(html, "Brier score", number(overall.brier(), 3), "Mean squared gap between predicted risk and outcome; lower is better.");
        card(html, "Calibration error (ECE)", number(overall.ece(), 3),
                "Average gap between predicted and observed churn rates, in probability points; lower is better.");
        card(html, "Logistic regression AUC", number(backtest.logisticAuc(), 3), "A simple baseline on the same folds, for comparison.");
        html.append("</div>\n");

        List<Curves.RocPoint> modelRoc = Curves.roc(oof.model(), oof.labels(), Curves.MAX_ROC_POINTS);
        List<Curves.RocPoint> logisticRoc = Curves.roc(oof.logistic(), oof.labels(), Curves.MAX_ROC_POINTS);
        html.append("<h2>ROC curve</h2>\n");
        roc(html, modelRoc, logisticRoc, overall.auc(), backtest.logisticAuc());
        html.append("<p class=\"read\">Each point is a risk threshold: the share of churners it catches (up) against the "
                + "share of staying customers it flags by mistake (right). The further the solid line bows toward the "
                + "top-left corner, above the dotted diagonal of a coin toss, the better the model ranks accounts.</p>\n");

        html.append("<h2>Calibration plot</h2>\n");
        calibration(html, Curves.calibration(oof.model(), oof.labels(), FoldMetrics.CALIBRATION_BINS));
        html.append("<p class=\"read\">Accounts are grouped by predicted churn risk; each dot compares a group's average "
                + "predicted risk with the share of it that actually churned. Dots on the dotted diagonal mean a 30% risk "
                + "really means 30%; the numbers under the chart are the accounts in each group.</p>\n");

        html.append("<h2>Lift chart: churners captured by decile</h2>\n");
        gains(html, Curves.gains(oof.model(), oof.labels()));
        html.append("<p class=\"read\">Accounts are sorted from riskiest to safest; each bar is the share of all churners "
                + "reached by contacting the top 10%, 20% and so on. The dashed line is what a list in random order "
                + "would reach; the gap above it is what the model adds.</p>\n");

        html.append("<h2>Drivers: global importance</h2>\n");
        drivers(html, report.topFeatures());
        html.append("<p class=\"read\">The features that moved the model's predictions most, as the mean absolute SHAP "
                + "contribution over accounts (in log-odds). A long bar means the feature matters a lot, not whether it "
                + "raises or lowers risk.</p>\n");

        html.append("<h2>Per-fold figures</h2>\n");
        folds(html, backtest);
        html.append("<p class=\"read\">Each fold is a model tested on accounts it never saw. Figures that vary a lot "
                + "from fold to fold are less certain than their decimals suggest.</p>\n");
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    /** Escapes a text for HTML element content and attribute values (and for SVG text, which is XML). */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void card(StringBuilder html, String name, String value, String meaning) {
        html.append("<div class=\"card\">").append(name).append("<b>").append(value).append("</b><span>").append(meaning)
                .append("</span></div>\n");
    }

    private static void svgOpen(StringBuilder html, String id, int width, int height, String title, String desc) {
        html.append("<svg xmlns=\"").append(SVG_NS).append("\" role=\"img\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" aria-labelledby=\"").append(id).append("-title ").append(id).append("-desc\">\n")
                .append("<title id=\"").append(id).append("-title\">").append(escape(title)).append("</title>\n")
                .append("<desc id=\"").append(id).append("-desc\">").append(escape(desc)).append("</desc>\n");
    }

    /** The square 0-1 frame of the ROC and calibration charts: grid, ticks, axis labels, the dotted diagonal. */
    private static void unitFrame(StringBuilder html, String xLabel, String yLabel) {
        for (int t = 0; t <= 5; t++) {
            double v = t / 5.0;
            html.append(line(x(v), TOP, x(v), TOP + SIZE, GRID, 1, null))
                    .append(line(LEFT, y(v), LEFT + SIZE, y(v), GRID, 1, null))
                    .append(text(x(v), TOP + SIZE + 18, "middle", percent(v)))
                    .append(text(LEFT - 8, y(v) + 4, "end", percent(v)));
        }
        html.append(line(LEFT, TOP + SIZE, LEFT + SIZE, TOP + SIZE, "#000", 1.5, null))
                .append(line(LEFT, TOP, LEFT, TOP + SIZE, "#000", 1.5, null))
                .append(line(x(0), y(0), x(1), y(1), REFERENCE, 1.5, "2 4"))
                .append(text(LEFT + SIZE / 2.0, TOP + SIZE + 40, "middle", xLabel))
                .append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" "
                        + "transform=\"rotate(-90 18 %.1f)\">%s</text>\n", TOP + SIZE / 2.0, TOP + SIZE / 2.0, escape(yLabel)));
    }

    private static void roc(StringBuilder html, List<Curves.RocPoint> model, List<Curves.RocPoint> logistic,
                            double modelAuc, double logisticAuc) {
        svgOpen(html, "roc", 860, 480, "ROC curve",
                "True positive rate against false positive rate for the model (AUC " + number(modelAuc, 3)
                        + ") and the logistic regression baseline (AUC " + number(logisticAuc, 3)
                        + "), with the diagonal of random ranking.");
        unitFrame(html, "False positive rate (staying customers flagged)", "True positive rate (churners caught)");
        // the baseline dashed over the model: where the two curves coincide both stay visible
        html.append(polyline(model.stream().map(p -> new double[] {p.fpr(), p.tpr()}).toList(), MODEL, 3, null));
        html.append(polyline(logistic.stream().map(p -> new double[] {p.fpr(), p.tpr()}).toList(), LOGISTIC, 2, "7 4"));
        int lx = LEFT + SIZE + 30;
        legendLine(html, lx, TOP + 20, MODEL, 3, null, "Model, solid (AUC " + number(modelAuc, 3) + ")");
        legendLine(html, lx, TOP + 46, LOGISTIC, 2, "7 4", "Logistic regression, dashed (AUC " + number(logisticAuc, 3) + ")");
        legendLine(html, lx, TOP + 72, REFERENCE, 1.5, "2 4", "Random ranking, dotted (AUC 0.5)");
        html.append("</svg>\n");
    }

    private static void calibration(StringBuilder html, List<Curves.CalibrationBin> bins) {
        svgOpen(html, "calibration", 860, 510, "Calibration plot",
                "Observed churn rate against mean predicted churn risk in " + bins.size()
                        + " equal-width bins, with the diagonal of perfect calibration and the number of accounts per bin.");
        unitFrame(html, "Predicted churn risk (bin average)", "Observed churn rate");
        List<Curves.CalibrationBin> filled = bins.stream().filter(b -> b.count() > 0).toList();
        html.append(polyline(filled.stream().map(b -> new double[] {b.meanPredicted(), b.observedRate()}).toList(), MODEL, 2, null));
        for (Curves.CalibrationBin b : filled) {
            html.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"><title>%s</title></circle>\n",
                    x(b.meanPredicted()), y(b.observedRate()), MODEL, escape(String.format(Locale.ROOT,
                            "%s to %s: predicted %s, observed %s, %,d account%s", percent(b.lower()), percent(b.upper()),
                            percent(b.meanPredicted()), percent(b.observedRate()), b.count(), b.count() == 1 ? "" : "s"))));
        }
        html.append(text(LEFT - 8, TOP + SIZE + 62, "end", "Accounts:"));
        for (Curves.CalibrationBin b : bins) {
            html.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\">%,d</text>\n",
                    x((b.lower() + b.upper()) / 2), TOP + SIZE + 62, b.count()));
        }
        int lx = LEFT + SIZE + 30;
        legendLine(html, lx, TOP + 20, MODEL, 2, null, "Model, dots joined by a solid line");
        legendLine(html, lx, TOP + 46, REFERENCE, 1.5, "2 4", "Perfect calibration, dotted");
        html.append("</svg>\n");
    }

    private static void gains(StringBuilder html, List<Curves.Gain> gains) {
        int width = 860;
        int height = 480;
        double slot = (double) SIZE / Curves.DECILES;
        svgOpen(html, "lift", width, height, "Lift chart: cumulative share of churners captured by decile",
                "For the riskiest 10%, 20%, up to 100% of accounts by predicted risk, the share of all churners among "
                        + "them, against a random order." + (gains.isEmpty() ? "" : " Top decile: "
                        + percent(gains.get(0).captured()) + " of churners, lift " + number(gains.get(0).lift(), 2) + "."));
        for (int t = 0; t <= 5; t++) {
            double v = t / 5.0;
            html.append(line(LEFT, y(v), LEFT + SIZE, y(v), GRID, 1, null))
                    .append(text(LEFT - 8, y(v) + 4, "end", percent(v)));
        }
        for (Curves.Gain g : gains) {
            double left = LEFT + (g.decile() - 1) * slot + 4;
            html.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                            + "<title>%s</title></rect>\n", left, y(g.captured()), slot - 8, y(0) - y(g.captured()), MODEL,
                    escape(String.format(Locale.ROOT, "Top %d%% (%,d accounts): %s of churners, lift %s", g.decile() * 10,
                            g.rows(), percent(g.captured()), number(g.lift(), 2)))));
            html.append(text(left + (slot - 8) / 2, y(g.captured()) - 5, "middle", percent(g.captured())));
            html.append(text(left + (slot - 8) / 2, TOP + SIZE + 18, "middle", g.decile() * 10 + "%"));
        }
        html.append(line(LEFT, y(0), LEFT + SIZE, y(1), REFERENCE, 2, "7 4"))
                .append(line(LEFT, TOP + SIZE, LEFT + SIZE, TOP + SIZE, "#000", 1.5, null))
                .append(line(LEFT, TOP, LEFT, TOP + SIZE, "#000", 1.5, null))
                .append(text(LEFT + SIZE / 2.0, TOP + SIZE + 40, "middle", "Riskiest share of accounts contacted"))
                .append(String.format(Locale.ROOT, "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" "
                        + "transform=\"rotate(-90 18 %.1f)\">%s</text>\n", TOP + SIZE / 2.0, TOP + SIZE / 2.0,
                        "Share of all churners captured"));
        int lx = LEFT + SIZE + 30;
        html.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"28\" height=\"14\" fill=\"%s\"/>\n", lx, TOP + 13, MODEL))
                .append(text(lx + 36, TOP + 25, "start", "Model, bars"));
        legendLine(html, lx, TOP + 46, REFERENCE, 2, "7 4", "Random order, dashed");
        html.append("</svg>\n");
    }

    private static void drivers(StringBuilder html, List<TrainingReport.FeatureImportance> top) {
        int labelWidth = 300;
        int barWidth = 300;
        int row = 28;
        int height = TOP + row * Math.max(1, top.size()) + 50;
        double max = top.stream().mapToDouble(TrainingReport.FeatureImportance::meanAbsShap).max().orElse(0);
        svgOpen(html, "drivers", labelWidth + barWidth + 100, height, "Drivers: global importance (mean |SHAP|)",
                "The " + top.size() + " features with the largest mean absolute SHAP contribution to the model's "
                        + "predictions, in log-odds, longest first.");
        if (top.isEmpty()) {
            html.append(text(labelWidth, TOP + 20, "start", "No features."));
        }
        for (int i = 0; i < top.size(); i++) {
            TrainingReport.FeatureImportance f = top.get(i);
            double yTop = TOP + i * row;
            double length = max > 0 ? barWidth * f.meanAbsShap() / max : 0;
            String name = f.name().length() > MAX_NAME ? f.name().substring(0, MAX_NAME - 1) + "\u2026" : f.name();
            html.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s<title>%s</title></text>\n",
                            labelWidth - 8, yTop + row / 2.0 + 4, escape(name), escape(f.name())))
                    .append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n",
                            labelWidth, yTop + 4, length, row - 8, MODEL))
                    .append(text(labelWidth + length + 6, yTop + row / 2.0 + 4, "start", number(f.meanAbsShap(), 3)));
        }
        double axisY = TOP + row * Math.max(1, top.size()) + 4;
        html.append(line(labelWidth, TOP, labelWidth, axisY, "#000", 1.5, null))
                .append(line(labelWidth, axisY, labelWidth + barWidth, axisY, "#000", 1.5, null))
                .append(text(labelWidth + barWidth / 2.0, axisY + 28, "middle", "Mean |SHAP| (log-odds)"));
        html.append("</svg>\n");
    }

    private static void folds(StringBuilder html, Backtest.Result backtest) {
        html.append("<table>\n<thead><tr><th scope=\"col\">Fold</th><th scope=\"col\">Train rows</th>"
                + "<th scope=\"col\">Test rows</th><th scope=\"col\">ROC AUC</th><th scope=\"col\">PR AUC</th>"
                + "<th scope=\"col\">Brier</th><th scope=\"col\">ECE</th><th scope=\"col\">Lift top decile</th>"
                + "<th scope=\"col\">Precision top 10%</th></tr></thead>\n<tbody>\n");
        List<FoldMetrics> folds = backtest.folds();
        for (int i = 0; i < folds.size(); i++) {
            foldRow(html, String.valueOf(i + 1), folds.get(i), true);
        }
        foldRow(html, "All, pooled", backtest.overall(), false);
        html.append("</tbody>\n</table>\n");
    }

    private static void foldRow(StringBuilder html, String name, FoldMetrics m, boolean withTrainRows) {
        html.append("<tr><th scope=\"row\">").append(escape(name)).append("</th><td>")
                .append(withTrainRows ? String.format(Locale.ROOT, "%,d", m.trainRows()) : "&ndash;").append("</td><td>")
                .append(String.format(Locale.ROOT, "%,d", m.testRows())).append("</td>");
        for (Map.Entry<Double, Integer> figure : List.of(Map.entry(m.auc(), 3), Map.entry(m.prAuc(), 3),
                Map.entry(m.brier(), 3), Map.entry(m.ece(), 3), Map.entry(m.liftTopDecile(), 2),
                Map.entry(m.precisionTop10pct(), 3))) {
            html.append("<td>").append(number(figure.getKey(), figure.getValue())).append("</td>");
        }
        html.append("</tr>\n");
    }

    private static void legendLine(StringBuilder html, int x, int y, String colour, double width, String dash, String label) {
        html.append(line(x, y, x + 28, y, colour, width, dash)).append(text(x + 36, y + 4, "start", label));
    }

    private static String polyline(List<double[]> points, String colour, double width, String dash) {
        if (points.isEmpty()) {
            return "";
        }
        StringBuilder p = new StringBuilder();
        for (double[] point : points) {
            p.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(point[0]), y(point[1])));
        }
        return String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%s\"%s/>\n",
                p.toString().strip(), colour, width, dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, double width, String dash) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                + "stroke-width=\"%s\"%s/>\n", x1, y1, x2, y2, colour, width, dash == null ? "" : " stroke-dasharray=\"" + dash + "\"");
    }

    private static String text(double x, double y, String anchor, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>\n", x, y, anchor,
                escape(content));
    }

    private static double x(double value) {
        return LEFT + value * SIZE;
    }

    private static double y(double value) {
        return TOP + (1 - value) * SIZE;
    }

    private static String number(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "n/a";
    }

    private static String percent(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.0f%%", value * 100) : "n/a";
    }
}
