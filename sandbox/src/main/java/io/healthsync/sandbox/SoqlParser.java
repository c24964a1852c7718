package io.healthsync.sandbox;

import io.healthsync.sandbox.SoqlQuery.And;
import io.healthsync.sandbox.SoqlQuery.Comparison;
import io.healthsync.sandbox.SoqlQuery.Condition;
import io.healthsync.sandbox.SoqlQuery.FieldRef;
import io.healthsync.sandbox.SoqlQuery.InList;
import io.healthsync.sandbox.SoqlQuery.Like;
import io.healthsync.sandbox.SoqlQuery.Literal;
import io.healthsync.sandbox.SoqlQuery.Not;
import io.healthsync.sandbox.SoqlQuery.Or;
import io.healthsync.sandbox.SoqlQuery.OrderItem;
import io.healthsync.sandbox.SoqlToken.Kind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser for the SOQL subset the sandbox serves:
 * <pre>
 * query     := SELECT (COUNT() | field (, field)*) FROM object [WHERE condition]
 *              [ORDER BY field [ASC|DESC] [NULLS FIRST|LAST] (, ...)*] [LIMIT n] [OFFSET n]
 * condition := operand (AND operand)* | operand (OR operand)*      -- mixing needs parentheses, as in SOQL
 * operand   := NOT operand | ( condition ) | field op literal | field [NOT] IN (literal, ...) | field LIKE 'p'
 * </pre>
 */
final class SoqlParser {

    private static final Set<String> KEYWORDS = Set.of("SELECT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "LIKE",
            "ORDER", "BY", "ASC", "DESC", "NULLS", "FIRST", "LAST", "LIMIT", "OFFSET", "TRUE", "FALSE", "NULL");

    private final String soql;
    private final List<SoqlToken> tokens;
    private int next;

    private SoqlParser(String soql) {
        this.soql = soql;
        this.tokens = SoqlLexer.tokenize(soql);
    }

    static SoqlQuery parse(String soql) {
        return new SoqlParser(soql).query();
    }

    private SoqlQuery query() {
        expectKeyword("SELECT");
        boolean count = false;
        List<FieldRef> fields = new ArrayList<>();
        if (peek().isKeyword("COUNT") && tokens.get(next + 1).kind() == Kind.LPAREN) {
            advance();
            advance();
            expect(Kind.RPAREN);
            count = true;
        } else {
            fields.add(field());
            while (peek().kind() == Kind.COMMA) {
                advance();
                fields.add(field());
            }
        }
        expectKeyword("FROM");
        SoqlToken object = expect(Kind.IDENT);
        Condition where = null;
        if (peek().isKeyword("WHERE")) {
            advance();
            where = condition();
        }
        List<OrderItem> orderBy = new ArrayList<>();
        if (peek().isKeyword("ORDER")) {
            advance();
            expectKeyword("BY");
            orderBy.add(orderItem());
            while (peek().kind() == Kind.COMMA) {
                advance();
                orderBy.add(orderItem());
            }
        }
        Integer limit = peek().isKeyword("LIMIT") ? countAfterKeyword() : null;
        Integer offset = peek().isKeyword("OFFSET") ? countAfterKeyword() : null;
        if (peek().kind() != Kind.EOF) {
            throw unexpected(peek());
        }
        return new SoqlQuery(soql, count, fields, object.text(), object.position(), where, orderBy, limit, offset);
    }

    private Condition condition() {
        Condition first = operand();
        if (!peek().isKeyword("AND") && !peek().isKeyword("OR")) {
            return first;
        }
        String joiner = peek().text().toUpperCase();
        List<Condition> operands = new ArrayList<>(List.of(first));
        while (peek().isKeyword("AND") || peek().isKeyword("OR")) {
            if (!peek().text().equalsIgnoreCase(joiner)) {
                throw unexpected(peek());
            }
            advance();
            operands.add(operand());
        }
        return joiner.equals("AND") ? new And(operands) : new Or(operands);
    }

    private Condition operand() {
        if (peek().isKeyword("NOT")) {
            advance();
            return new Not(operand());
        }
        if (peek().kind() == Kind.LPAREN) {
            advance();
            Condition inner = condition();
            expect(Kind.RPAREN);
            return inner;
        }
        FieldRef field = field();
        SoqlToken token = peek();
        if (token.kind() == Kind.OPERATOR) {
            advance();
            String operator = token.text().equals("<>") ? "!=" : token.text();
            return new Comparison(field, operator, literal());
        }
        if (token.isKeyword("LIKE")) {
            advance();
            return new Like(field, literal());
        }
        boolean negated = token.isKeyword("NOT");
        if (negated) {
            advance();
        }
        if (peek().isKeyword("IN")) {
            advance();
            expect(Kind.LPAREN);
            List<Literal> values = new ArrayList<>(List.of(literal()));
            while (peek().kind() == Kind.COMMA) {
                advance();
                values.add(literal());
            }
            expect(Kind.RPAREN);
            return new InList(field, negated, values);
        }
        throw unexpected(peek());
    }

    private OrderItem orderItem() {
        FieldRef field = field();
        boolean descending = false;
        if (peek().isKeyword("ASC") || peek().isKeyword("DESC")) {
            descending = advance().isKeyword("DESC");
        }
        boolean nullsFirst = !descending;
        if (peek().isKeyword("NULLS")) {
            advance();
            SoqlToken which = advance();
            if (!which.isKeyword("FIRST") && !which.isKeyword("LAST")) {
                throw unexpected(which);
            }
            nullsFirst = which.isKeyword("FIRST");
        }
        return new OrderItem(field, descending, nullsFirst);
    }

    private FieldRef field() {
        SoqlToken token = peek();
        if (token.kind() != Kind.IDENT || KEYWORDS.contains(token.text().toUpperCase())) {
            throw unexpected(token);
        }
        advance();
        return new FieldRef(token.text(), token.position());
    }

    private Literal literal() {
        SoqlToken token = advance();
        return switch (token.kind()) {
            case STRING, NUMBER, DATE, DATETIME -> new Literal(token.kind().name(), token.value(), token.position());
            case IDENT -> {
                if (token.isKeyword("TRUE") || token.isKeyword("FALSE")) {
                    yield new Literal("BOOLEAN", token.isKeyword("TRUE"), token.position());
                }
                if (token.isKeyword("NULL")) {
                    yield new Literal("NULL", null, token.position());
                }
                throw unexpected(token);
            }
            default -> throw unexpected(token);
        };
    }

    private Integer countAfterKeyword() {
        advance();
        SoqlToken token = expect(Kind.NUMBER);
        BigDecimal value = (BigDecimal) token.value();
        if (value.scale() > 0 || value.signum() < 0 || value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            throw unexpected(token);
        }
        return value.intValue();
    }

    private SoqlToken peek() {
        return tokens.get(next);
    }

    private SoqlToken advance() {
        SoqlToken token = tokens.get(next);
        if (token.kind() != Kind.EOF) {
            next++;
        }
        return token;
    }

    private SoqlToken expect(Kind kind) {
        SoqlToken token = peek();
        if (token.kind() != kind) {
            throw unexpected(token);
        }
        return advance();
    }

    private void expectKeyword(String keyword) {
        if (!peek().isKeyword(keyword)) {
            throw unexpected(peek());
        }
        advance();
    }

    private SoqlException unexpected(SoqlToken token) {
        return SoqlException.at(soql, token.position(), "MALFORMED_QUERY",
                "unexpected token: '" + token.display() + "'");
    }
}
