package io.healthsync.sandbox;

import io.healthsync.sandbox.SoqlToken.Kind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits SOQL into tokens: identifiers, quoted strings, numbers, date and datetime literals, operators. */
final class SoqlLexer {

    private static final Pattern DATETIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?![\\dT])");
    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?(?![\\w.])");

    private SoqlLexer() {
    }

    static List<SoqlToken> tokenize(String soql) {
        List<SoqlToken> tokens = new ArrayList<>();
        int i = 0;
        while (i < soql.length()) {
            char c = soql.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                i = string(soql, i, tokens);
            } else if (Character.isDigit(c) || ((c == '-' || c == '+') && i + 1 < soql.length()
                    && Character.isDigit(soql.charAt(i + 1)))) {
                i = literal(soql, i, tokens);
            } else if (Character.isLetter(c) || c == '_') {
                int end = i;
                while (end < soql.length() && (Character.isLetterOrDigit(soql.charAt(end))
                        || soql.charAt(end) == '_' || soql.charAt(end) == '.')) {
                    end++;
                }
                tokens.add(new SoqlToken(Kind.IDENT, soql.substring(i, end), null, i));
                i = end;
            } else if (c == '(' || c == ')' || c == ',') {
                Kind kind = c == '(' ? Kind.LPAREN : c == ')' ? Kind.RPAREN : Kind.COMMA;
                tokens.add(new SoqlToken(kind, String.valueOf(c), null, i));
                i++;
            } else if ("=!<>".indexOf(c) >= 0) {
                i = operator(soql, i, tokens);
            } else {
                throw SoqlException.at(soql, i, "MALFORMED_QUERY", "unexpected token: '" + c + "'");
            }
        }
        tokens.add(new SoqlToken(Kind.EOF, "", null, soql.length()));
        return tokens;
    }

    private static int string(String soql, int start, List<SoqlToken> tokens) {
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (i < soql.length()) {
            char c = soql.charAt(i);
            if (c == '\\' && i + 1 < soql.length()) {
                char next = soql.charAt(i + 1);
                switch (next) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case '\'', '"', '\\' -> value.append(next);
                    // kept escaped so LIKE can tell a literal % or _ from a wildcard
                    case '%', '_' -> value.append('\\').append(next);
                    default -> throw SoqlException.at(soql, i, "MALFORMED_QUERY",
                            "Invalid string literal '" + soql.substring(start, Math.min(soql.length(), i + 2))
                                    + "'. Illegal character sequence '\\" + next + "' in string literal.");
                }
                i += 2;
            } else if (c == '\'') {
                tokens.add(new SoqlToken(Kind.STRING, soql.substring(start, i + 1), value.toString(), start));
                return i + 1;
            } else {
                value.append(c);
                i++;
            }
        }
        throw SoqlException.at(soql, start, "MALFORMED_QUERY", "unexpected token: '" + soql.substring(start) + "'");
    }

    private static int literal(String soql, int start, List<SoqlToken> tokens) {
        Matcher datetime = DATETIME.matcher(soql).region(start, soql.length());
        try {
            if (datetime.lookingAt()) {
                tokens.add(new SoqlToken(Kind.DATETIME, datetime.group(),
                        SandboxValues.parseDateTime(datetime.group()), start));
                return datetime.end();
            }
            Matcher date = DATE.matcher(soql).region(start, soql.length());
            if (date.lookingAt()) {
                tokens.add(new SoqlToken(Kind.DATE, date.group(), LocalDate.parse(date.group()), start));
                return date.end();
            }
        } catch (DateTimeParseException e) {
            throw SoqlException.at(soql, start, "MALFORMED_QUERY", "unexpected token: '"
                    + soql.substring(start, Math.min(soql.length(), start + 29)).split("\\s")[0] + "'");
        }
        Matcher number = NUMBER.matcher(soql).region(start, soql.length());
        if (number.lookingAt()) {
            tokens.add(new SoqlToken(Kind.NUMBER, number.group(), new BigDecimal(number.group()), start));
            return number.end();
        }
        int end = start;
        while (end < soql.length() && !Character.isWhitespace(soql.charAt(end)) && soql.charAt(end) != ')'
                && soql.charAt(end) != ',') {
            end++;
        }
        throw SoqlException.at(soql, start, "MALFORMED_QUERY",
                "unexpected token: '" + soql.substring(start, end) + "'");
    }

    private static int operator(String soql, int start, List<SoqlToken> tokens) {
        String two = start + 2 <= soql.length() ? soql.substring(start, start + 2) : "";
        String op = switch (two) {
            case "!=", "<=", ">=", "<>" -> two;
            default -> String.valueOf(soql.charAt(start));
        };
        if (op.equals("!")) {
            throw SoqlException.at(soql, start, "MALFORMED_QUERY", "unexpected token: '!'");
        }
        tokens.add(new SoqlToken(Kind.OPERATOR, op, null, start));
        return start + op.length();
    }
}
