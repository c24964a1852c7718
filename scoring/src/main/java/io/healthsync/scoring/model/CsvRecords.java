package io.healthsync.scoring.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV: comma-separated fields, double quotes around fields that hold commas, quotes or line breaks,
 * a doubled quote for a quote inside them; CRLF or LF line ends; a UTF-8 byte-order mark is skipped. Each
 * record keeps the line it starts on, so errors can name it.
 */
public final class CsvRecords {

    /** One record and the 1-based line of the file it starts on. */
    public record Row(int line, List<String> fields) {
    }

    private CsvRecords() {
    }

    public static List<Row> read(Reader source, String fileName) throws IOException {
        BufferedReader in = new BufferedReader(source);
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        int line = 1;
        int recordLine = 1;
        int c = in.read();
        if (c == '\uFEFF') {
            c = in.read();
        }
        boolean empty = true; // nothing read since the last record ended
        while (c != -1) {
            if (quoted) {
                if (c == '"') {
                    int next = in.read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        c = next;
                        continue;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append((char) c);
                }
            } else if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                empty = false;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
                empty = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r') {
                    int next = in.read();
                    if (next != '\n') {
                        c = next;
                        endRecord(rows, fields, field, empty, recordLine);
                        line++;
                        recordLine = line;
                        wasQuoted = false;
                        empty = true;
                        continue;
                    }
                }
                endRecord(rows, fields, field, empty, recordLine);
                line++;
                recordLine = line;
                wasQuoted = false;
                empty = true;
            } else if (wasQuoted) {
                throw new HistoryFormatException(fileName + ":" + line + ": unexpected '" + (char) c
                        + "' after a closing quote; a quote inside a quoted field is written twice (\"\")");
            } else {
                field.append((char) c);
                empty = false;
            }
            c = in.read();
        }
        if (quoted) {
            throw new HistoryFormatException(fileName + ":" + recordLine + ": a quoted field is not closed before the end of the file");
        }
        endRecord(rows, fields, field, empty, recordLine);
        return rows;
    }

    private static void endRecord(List<Row> rows, List<String> fields, StringBuilder field, boolean empty, int line) {
        if (empty && fields.isEmpty()) {
            return; // blank lines carry no record
        }
        fields.add(field.toString());
        field.setLength(0);
        rows.add(new Row(line, List.copyOf(fields)));
        fields.clear();
    }
}
