package io.healthsync.scoring.attribution;

import java.util.Locale;

/**
 * The report's per-touchpoint figures as CSV, one row per touchpoint overall and then per segment:
 * {@code segment,touchpoint,credit,ci_low,ci_high,attributed_revenue,cost,roi,count,journeys,low_sample}
 * (segment empty for the overall rows).
 */
public final class AttributionCsv {

    public static final String HEADER = "segment,touchpoint,credit,ci_low,ci_high,attributed_revenue,cost,roi,count,"
            + "journeys,low_sample";

    private AttributionCsv() {
    }

    public static String render(AttributionReport report) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        report.touchpoints().forEach(f -> row(csv, "", f, false));
        for (SegmentFigures s : report.segments()) {
            s.touchpoints().forEach(f -> row(csv, s.segment(), f, s.lowSample()));
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, String segment, TouchpointFigure f, boolean lowSample) {
        csv.append(quote(segment)).append(',').append(quote(f.touchpoint())).append(',')
                .append(String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.2f,%.2f,", f.credit(), f.creditInterval().lower(),
                        f.creditInterval().upper(), f.revenue(), f.cost()))
                .append(f.roi() == null ? "" : String.format(Locale.ROOT, "%.4f", f.roi())).append(',')
                .append(f.count()).append(',').append(f.journeys()).append(',').append(lowSample).append('\n');
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break; a formula-looking text is prefixed with '. */
    static String quote(String text) {
        String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        return safe.matches(".*[,\"\\r\\n].*") ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
