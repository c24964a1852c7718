package io.healthsync.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    @Test
    void reads_quoted_fields_with_commas_doubled_quotes_and_line_breaks() {
        String csv = "\"sf__Id\",\"sf__Error\",Subject\n"
                + "\"\",\"INVALID:bad, \"\"very\"\" bad:--\",\"two\nlines\"\r\n"
                + "00T1,,plain\n";

        assertThat(CsvReader.parse(csv)).containsExactly(
                List.of("sf__Id", "sf__Error", "Subject"),
                List.of("", "INVALID:bad, \"very\" bad:--", "two\nlines"),
                List.of("00T1", "", "plain"));
    }

    @Test
    void keeps_empty_fields_at_the_end_and_reads_a_last_line_without_a_line_break() {
        assertThat(CsvReader.parse("a,,\nb,\"\"")).containsExactly(List.of("a", "", ""), List.of("b", ""));
        assertThat(CsvReader.parse("")).isEmpty();
    }

    @Test
    void refuses_an_unclosed_quote_and_text_after_a_closing_quote() {
        assertThatThrownBy(() -> CsvReader.parse("a,\"open\nstill open"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1 never closes");
        assertThatThrownBy(() -> CsvReader.parse("a\n\"x\"y,b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
    }

    @Test
    void reads_back_what_the_writer_wrote() {
        BulkIngestJob job = new BulkIngestJob("Account", BulkIngestJob.Operation.UPDATE, null, List.of("001A"),
                List.of(java.util.Map.of("Description", "say \"hi\",\r\nthen \"\"bye\"\"")));

        assertThat(CsvReader.parse(new BulkCsvWriter().write(job).get(0).csv())).containsExactly(
                List.of("Id", "Description"), List.of("001A", "say \"hi\",\r\nthen \"\"bye\"\""));
    }
}
