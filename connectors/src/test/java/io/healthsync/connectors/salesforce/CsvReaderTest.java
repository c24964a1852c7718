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

    @Test
    void reads_a_comma_at_the_very_end_as_an_empty_field_and_crlf_or_cr_as_line_breaks() {
        assertThat(CsvReader.parse("a,b,")).containsExactly(List.of("a", "b", ""));
        assertThat(CsvReader.parse("a\r\nb\rc\n")).containsExactly(List.of("a"), List.of("b"), List.of("c"));
        assertThat(CsvReader.parse("\"x\"\"\"")).containsExactly(List.of("x\""));
        assertThatThrownBy(() -> CsvReader.parse("a,b\"c\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a quote inside an unquoted field");
    }

    @Test
    void reads_back_any_fields_quoted_as_rfc_4180_says() {
        java.util.Random random = new java.util.Random(11);
        String alphabet = "ab,\"\r\n é";
        for (int round = 0; round < 200; round++) {
            List<List<String>> records = new java.util.ArrayList<>();
            StringBuilder csv = new StringBuilder();
            int columns = 1 + random.nextInt(4);
            for (int r = 0; r < 1 + random.nextInt(5); r++) {
                List<String> record = new java.util.ArrayList<>();
                for (int c = 0; c < columns; c++) {
                    StringBuilder field = new StringBuilder();
                    for (int k = random.nextInt(6); k > 0; k--) {
                        field.append(alphabet.charAt(random.nextInt(alphabet.length())));
                    }
                    record.add(field.toString());
                    boolean quote = random.nextBoolean() || field.toString().matches("(?s).*[,\"\r\n].*");
                    csv.append(c == 0 ? "" : ",").append(quote ? "\"" + field.toString().replace("\"", "\"\"") + "\""
                            : field);
                }
                records.add(record);
                csv.append(random.nextBoolean() ? "\n" : "\r\n");
            }

            assertThat(CsvReader.parse(csv.toString())).as(csv.toString()).isEqualTo(records);
        }
    }
}
