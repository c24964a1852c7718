package io.healthsync.scoring.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class BacktestPageTest {

    /** A hand-made report: 8 pooled predictions over two folds, and drivers whose names come from a CSV. */
    private static TrainingReport report() {
        double[] model = {0.9, 0.8, 0.35, 0.3, 0.6, 0.2, 0.1, 0.05};
        double[] logistic = {0.7, 0.6, 0.5, 0.4, 0.45, 0.3, 0.2, 0.1};
        int[] labels = {1, 1, 0, 1, 0, 0, 0, 0};
        FoldMetrics fold1 = new FoldMetrics(0.75, 0.8, 0.1, 0.05, 2.0, 1.0, 4, 4);
        FoldMetrics fold2 = new FoldMetrics(0.9, 0.85, 0.12, 0.07, 2.5, 1.0, 4, 4);
        Backtest.Result backtest = new Backtest.Result("stratified 2-fold", FoldMetrics.of(model, labels, 8),
                List.of(fold1, fold2), 0.5, 0.8, 0.8, 12, new Backtest.OutOfFold(model, logistic, labels));
        return new TrainingReport(backtest, 8, 3, 3, List.of(new TrainingReport.FeatureImportance("<script>", 0.9),
                new TrainingReport.FeatureImportance("plan=\"Pro\" & <b>Co</b>", 0.4),
                new TrainingReport.FeatureImportance("tenure", 0.1)), false, HistoryTraining.BACKTEST_ONLY, null, null);
    }

    @Test
    void has_the_four_charts_each_with_a_title_and_a_description() {
        String page = BacktestPage.render(report(), "history.csv");

        assertThat(page).contains("<title id=\"roc-title\">ROC curve</title>",
                "<title id=\"calibration-title\">Calibration plot</title>",
                "<title id=\"lift-title\">Lift chart: cumulative share of churners captured by decile</title>",
                "<title id=\"drivers-title\">Drivers: global importance (mean |SHAP|)</title>");
        int svgs = count(page, "<svg ");
        assertThat(svgs).isEqualTo(4);
        assertThat(count(page, "<desc id=")).isEqualTo(svgs);
        assertThat(page).contains("True positive rate (churners caught)", "Observed churn rate",
                "Share of all churners captured", "Mean |SHAP| (log-odds)");
    }

    @Test
    void shows_the_headline_figures_and_one_row_per_fold() {
        String page = BacktestPage.render(report(), "history.csv");

        // pooled AUC by hand: positives 0.9, 0.8, 0.3 against 5 negatives; 0.3 beats 0.2, 0.1, 0.05 only: 13/15
        assertThat(page).contains("<b>0.867</b>", "8 accounts, 3 churned (38%)", "stratified 2-fold",
                "Nothing was saved or promoted");
        assertThat(page).contains("<tr><th scope=\"row\">1</th><td>4</td><td>4</td><td>0.750</td>",
                "<tr><th scope=\"row\">2</th><td>4</td><td>4</td><td>0.900</td>", "All, pooled");
        // calibration: 0.3 and 0.35 share the 30-40% bin (one churned), 0.6 is alone in its bin and stayed
        assertThat(page).contains("observed 50%, 2 accounts",
                "60% to 70%: predicted 60%, observed 0%, 1 account<");
    }

    @Test
    void escapes_every_text_from_the_csv() {
        String page = BacktestPage.render(report(), "<img src=x>.csv");

        assertThat(page).contains("&lt;script&gt;", "plan=&quot;Pro&quot; &amp; &lt;b&gt;Co&lt;/b&gt;", "&lt;img src=x&gt;.csv");
        assertThat(page).doesNotContain("<script", "<b>Co", "<img");
    }

    @Test
    void is_self_contained_with_no_url_but_the_svg_namespace() {
        String page = BacktestPage.render(report(), "history.csv");

        Matcher urls = Pattern.compile("(?i)(https?:)?//[^\"'\\s<>)]+").matcher(page);
        while (urls.find()) {
            assertThat(urls.group()).isEqualTo("http://www.w3.org/2000/svg");
        }
        assertThat(page).contains("xmlns=\"http://www.w3.org/2000/svg\"");
        assertThat(page.toLowerCase()).doesNotContain("<script", "<link", "@import", "url(", "src=");
    }

    @Test
    void escape_handles_the_five_special_characters() {
        assertThat(BacktestPage.escape("a<b>&\"c'")).isEqualTo("a&lt;b&gt;&amp;&quot;c&#39;");
        assertThat(BacktestPage.escape(null)).isEmpty();
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
