package io.healthsync.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CSV of Bulk API 2.0 ingest (RFC 4180): fields separated by the job's delimiter, rows by its line ending,
 * a field quoted with double quotes when it holds the delimiter, a quote or a line break, a quote inside
 * doubled. A quoted field may span lines. Results are written the way Salesforce writes them: every value
 * quoted, the sf__ columns' names quoted, the uploaded columns' names as they were sent.
 */
final class BulkCsv {

    /** The columnDelimiter values of a job and the character each stands for. */
    static final Map<String, Character> DELIMITERS = Map.of("COMMA", ',', "TAB", '\t', "PIPE", '|',
            "SEMICOLON", ';', "CARET", '^', "BACKQUOTE", '`');

    /** Data that is not CSV of the job's format; the message is what the failed job reports. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private BulkCsv() {
    }

    /**
     * The rows of {@code data}, each a list of fields. A line break that does not match {@code lineEnding}
     * (LF or CRLF) outside quotes refuses the data, as Salesforce does.
     */
    static List<List<String>> parse(String data, char delimiter, String lineEnding) throws Malformed {
        boolean crlf = "CRLF".equals(lineEnding);
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int i = 0;
        while (i < data.length()) {
            char c = data.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < data.length() && data.charAt(i + 1) == '"') {
                    field.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
                i++;
                continue;
            }
            if (c == '"' && field.length() == 0 && !fieldStarted) {
                quoted = true;
                fieldStarted = true;
                i++;
            } else if (c == delimiter) {
                row.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
                i++;
            } else if (c == '\r' || c == '\n') {
                boolean isCrlf = c == '\r' && i + 1 < data.length() && data.charAt(i + 1) == '\n';
                if (crlf != isCrlf) {
                    throw new Malformed("ClientInputError : LineEnding is invalid on user data. Current LineEnding "
                            + "setting is " + (crlf ? "CRLF" : "LF"));
                }
                row.add(field.toString());
                rows.add(row);
                row = new ArrayList<>();
                field.setLength(0);
                fieldStarted = false;
                i += isCrlf ? 2 : 1;
            } else {
                field.append(c);
                fieldStarted = true;
                i++;
            }
        }
        if (quoted) {
            throw new Malformed("InvalidBatch : Unterminated quoted field at end of data");
        }
        if (fieldStarted || field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    /** One result row: every value quoted, quotes doubled. */
    static void appendRow(StringBuilder out, List<String> values, String lineEnding) {
        appendRow(out, values, ',', lineEnding);
    }

    /** One result row with the job's delimiter: every value quoted, quotes doubled. */
    static void appendRow(StringBuilder out, List<String> values, char delimiter, String lineEnding) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            out.append('"').append(values.get(i) == null ? "" : values.get(i).replace("\"", "\"\"")).append('"');
        }
        out.append(newline(lineEnding));
    }

    /** A results header: the sf__ columns quoted, then the uploaded column names as sent (quoted if they must be). */
    static void appendHeader(StringBuilder out, List<String> sfColumns, List<String> columns, String lineEnding) {
        List<String> names = new ArrayList<>();
        sfColumns.forEach(name -> names.add('"' + name + '"'));
        for (String column : columns) {
            boolean mustQuote = column.indexOf(',') >= 0 || column.indexOf('"') >= 0 || column.indexOf('\n') >= 0;
            names.add(mustQuote ? '"' + column.replace("\"", "\"\"") + '"' : column);
        }
        out.append(String.join(",", names)).append(newline(lineEnding));
    }

    static String newline(String lineEnding) {
        return "CRLF".equals(lineEnding) ? "\r\n" : "\n";
    }
}
