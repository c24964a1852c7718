package io.healthsync.connectors.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class StripeMoneyTest {

    @Test
    void minor_units_become_major_units_by_the_currency_s_decimals() {
        assertThat(StripeMoney.major(5000, "usd")).isEqualTo(50.0);
        assertThat(StripeMoney.major(5000, "jpy")).isEqualTo(5000.0);
        assertThat(StripeMoney.major(5000, "KWD")).isEqualTo(5.0);
        assertThat(StripeMoney.major(new BigDecimal("1999.5"), "eur")).isEqualTo(20.0);
    }

    @Test
    void periods_per_year_follow_the_price_interval_and_count() {
        assertThat(StripeMoney.periodsPerYear("month", 1)).isEqualByComparingTo("12");
        assertThat(StripeMoney.periodsPerYear("month", 3)).isEqualByComparingTo("4");
        assertThat(StripeMoney.periodsPerYear("year", 1)).isEqualByComparingTo("1");
        assertThat(StripeMoney.periodsPerYear("week", 2)).isEqualByComparingTo("26");
        assertThat(StripeMoney.periodsPerYear("day", 1)).isEqualByComparingTo("365");
        assertThat(StripeMoney.periodsPerYear("fortnight", 1)).isNull();
    }

    @Test
    void an_invoiced_period_counts_in_whole_months_else_weeks() {
        long day = 86_400;
        assertThat(StripeMoney.periodsPerYear(0, 30 * day)).isEqualByComparingTo("12");
        assertThat(StripeMoney.periodsPerYear(0, 31 * day)).isEqualByComparingTo("12");
        assertThat(StripeMoney.periodsPerYear(0, 365 * day)).isEqualByComparingTo("1");
        assertThat(StripeMoney.periodsPerYear(0, 366 * day)).isEqualByComparingTo("1");
        assertThat(StripeMoney.periodsPerYear(0, 7 * day)).isEqualByComparingTo("52");
        assertThat(StripeMoney.periodsPerYear(0, 0)).isNull();
    }
}
