package io.healthsync.connectors.salesforce;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV as Bulk API 2.0 results files are written: comma-separated, fields optionally quoted,
 * quotes inside a quoted field doubled, line breaks (LF or CRLF) allowed inside quoted fields.
 */
public final class CsvReader {

    private CsvReader() {
    }

    /**
     * The records, each a list of fields; an empty text has none, and a final line break ends the last record.
     * A field is cut out of the text whole (one substring), not built a character at a time: a bulk results page
     * holds 25,000 records, and parsing them char by char took a third of the pull's route thread.
     */
    public static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) { // i is at the start of a field
            String value;
            if (text.charAt(i) == '"') {
                int opened = line;
                StringBuilder unquoted = null; // only for a field with a doubled quote in it
                int from = ++i;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("CSV: quoted field opened on line " + opened + " never closes");
                    }
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            unquoted = (unquoted == null ? new StringBuilder() : unquoted).append(text, from, i + 1);
                            i += 2;
                            from = i;
                            continue;
                        }
                        break;
                    }
                    if (q == '\n') {
                        line++;
                    }
                    i++;
                }
                value = unquoted == null ? text.substring(from, i) : unquoted.append(text, from, i).toString();
                i++; // the closing quote
                if (i < n && ",\r\n".indexOf(text.charAt(i)) < 0) {
                    throw new IllegalArgumentException("CSV line " + line + ": text after a closing quote");
                }
            } else {
                int from = i;
                while (i < n) {
                    char c = text.charAt(i);
                    if (c == ',' || c == '\n' || c == '\r') {
                        break;
                    }
                    if (c == '"') {
                        throw new IllegalArgumentException("CSV line " + line + ": a quote inside an unquoted field");
                    }
                    i++;
                }
                value = text.substring(from, i);
            }
            record.add(value);
            if (i >= n) { // the text ends without a line break: that ends the record
                records.add(record);
                record = new ArrayList<>();
            } else if (text.charAt(i) == ',') {
                i++;
                if (i >= n) { // a comma at the very end: one more, empty, field
                    record.add("");
                    records.add(record);
                    record = new ArrayList<>();
                }
            } else {
                records.add(record);
                record = new ArrayList<>();
                i += text.charAt(i) == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                line++;
            }
        }
        return records;
    }
}
