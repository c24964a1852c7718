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

    /** The records, each a list of fields; an empty text has none, and a final line break ends the last record. */
    public static List<List<String>> parse(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' && field.isEmpty()) {
                int opened = line;
                i++;
                while (true) {
                    if (i >= n) {
                        throw new IllegalArgumentException("CSV: quoted field opened on line " + opened + " never closes");
                    }
                    char q = text.charAt(i++);
                    if (q == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        if (q == '\n') {
                            line++;
                        }
                        field.append(q);
                    }
                }
                if (i < n && ",\r\n".indexOf(text.charAt(i)) < 0) {
                    throw new IllegalArgumentException("CSV line " + line + ": text after a closing quote");
                }
                if (i >= n) {
                    // a quoted empty field at the very end still counts as a field
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(record);
                    record = new ArrayList<>();
                }
                continue;
            }
            if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
                i++;
            } else if (c == '\n' || c == '\r') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                line++;
            } else if (c == '"') {
                throw new IllegalArgumentException("CSV line " + line + ": a quote inside an unquoted field");
            } else {
                field.append(c);
                i++;
            }
        }
        if (!field.isEmpty() || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }
}
