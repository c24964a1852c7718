package io.healthsync.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BulkCsvTest {

    @Test
    void quotedFieldsKeepDelimitersQuotesAndLineBreaks() throws BulkCsv.Malformed {
        List<List<String>> rows = BulkCsv.parse("Name,Description\n\"A, Inc\",\"say \"\"hi\"\"\nthen go\"\nB,\n", ',',
                "LF");

        assertThat(rows).containsExactly(List.of("Name", "Description"), List.of("A, Inc", "say \"hi\"\nthen go"),
                List.of("B", ""));
    }

    @Test
    void theLastRowNeedsNoLineBreakAndCrlfIsReadWhenTheJobSaysSo() throws BulkCsv.Malformed {
        assertThat(BulkCsv.parse("a|b\r\n1|2", '|', "CRLF")).containsExactly(List.of("a", "b"), List.of("1", "2"));
    }

    @Test
    void aLineEndingOtherThanTheJobsIsRefused() {
        assertThatThrownBy(() -> BulkCsv.parse("a\nb\n", ',', "CRLF"))
                .hasMessage("ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is CRLF");
    }

    @Test
    void anUnterminatedQuoteIsRefused() {
        assertThatThrownBy(() -> BulkCsv.parse("a\n\"open\n", ',', "LF")).isInstanceOf(BulkCsv.Malformed.class);
    }

    @Test
    void resultsQuoteEveryValueAndTheSfColumns() {
        StringBuilder out = new StringBuilder();
        BulkCsv.appendHeader(out, List.of("sf__Id", "sf__Error"), List.of("Name", "Odd,Name"), "LF");
        BulkCsv.appendRow(out, List.of("", "X:y:--", "say \"hi\"", ""), "LF");

        assertThat(out).hasToString("\"sf__Id\",\"sf__Error\",Name,\"Odd,Name\"\n\"\",\"X:y:--\",\"say \"\"hi\"\"\",\"\"\n");
    }

    @Test
    void anErrorReadsLikeSalesforcesSfError() {
        assertThat(BulkIngest.errorText(WriteError.of("REQUIRED_FIELD_MISSING", "Required fields are missing: "
                + "[StageName]", "StageName"))).isEqualTo(
                "REQUIRED_FIELD_MISSING:Required fields are missing: [StageName]:StageName --");
        assertThat(BulkIngest.errorText(WriteError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id")))
                .isEqualTo("INVALID_CROSS_REFERENCE_KEY:invalid cross reference id:--");
    }
}
