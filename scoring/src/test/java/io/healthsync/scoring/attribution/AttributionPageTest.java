package io.healthsync.scoring.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.healthsync.mappings.AttributionConfig;
import io.healthsync.model.OutcomeKind;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML page stands alone (nothing from the network), its charts are labelled, customer text is escaped. */
class AttributionPageTest {

    @Test
    void the_page_loads_nothing_labels_every_chart_and_escapes_the_data() {
        List<Journey> journeys = new java.util.ArrayList<>(SyntheticJourneys.planted(400, 3));
        journeys.add(new Journey("x", "<script>", List.of(new Touchpoint("<b>qbr</b>", java.time.Instant.parse("2025-05-01T00:00:00Z"))),
                OutcomeKind.RENEWED, java.time.LocalDate.of(2025, 6, 1), 10));
        AttributionReport report = new AttributionAnalysis(AttributionConfig.defaults())
                .run(journeys, OutcomeKind.RENEWED, null, null, "test <file>");

        String html = AttributionPage.render(report);

        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">").doesNotContain("<script", "<b>qbr", "src=", "href=");
        assertThat(Pattern.compile("https?://(?!www\\.w3\\.org/2000/svg)").matcher(html).find()).isFalse();
        long charts = Pattern.compile("<svg ").matcher(html).results().count();
        assertThat(charts).isGreaterThanOrEqualTo(2);
        assertThat(Pattern.compile("role=\"img\"[^>]*aria-labelledby").matcher(html).results().count()).isEqualTo(charts);
        assertThat(html).contains("&lt;b&gt;qbr&lt;/b&gt;", "Segment: &lt;script&gt;", "Low sample");
        assertThat(AttributionCsv.render(report)).startsWith(AttributionCsv.HEADER + "\n");
    }
}
