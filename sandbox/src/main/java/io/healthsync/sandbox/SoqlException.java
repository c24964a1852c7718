package io.healthsync.sandbox;

/**
 * A query Salesforce would refuse, with its error code and its message laid out as Salesforce lays it out:
 * the offending line, a caret under the column, "ERROR at Row:r:Column:c" and the reason.
 */
final class SoqlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String errorCode;

    private SoqlException(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    String errorCode() {
        return errorCode;
    }

    static SoqlException at(String soql, int position, String errorCode, String reason) {
        int lineStart = soql.lastIndexOf('\n', Math.max(0, position - 1)) + 1;
        if (position == 0) {
            lineStart = 0;
        }
        int lineEnd = soql.indexOf('\n', position);
        String line = soql.substring(lineStart, lineEnd < 0 ? soql.length() : lineEnd);
        int row = 1;
        for (int i = 0; i < lineStart; i++) {
            if (soql.charAt(i) == '\n') {
                row++;
            }
        }
        int column = position - lineStart + 1;
        String message = "\n" + line + "\n" + " ".repeat(column - 1) + "^\nERROR at Row:" + row + ":Column:"
                + column + "\n" + reason;
        return new SoqlException(errorCode, message);
    }

    /** An error Salesforce reports without pointing into the query. */
    static SoqlException plain(String errorCode, String message) {
        return new SoqlException(errorCode, message);
    }
}
