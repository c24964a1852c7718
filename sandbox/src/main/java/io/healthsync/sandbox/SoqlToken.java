package io.healthsync.sandbox;

/** A lexical token of a SOQL query; position is the offset of its first character. */
record SoqlToken(Kind kind, String text, Object value, int position) {

    enum Kind { IDENT, STRING, NUMBER, DATE, DATETIME, OPERATOR, LPAREN, RPAREN, COMMA, EOF }

    boolean isKeyword(String keyword) {
        return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
    }

    /** How Salesforce names the token in "unexpected token" messages. */
    String display() {
        return kind == Kind.EOF ? "<EOF>" : text;
    }
}
