package io.healthsync.sandbox;

import java.util.List;

/** A parsed SOQL query, not yet checked against any object's fields. */
record SoqlQuery(String soql, boolean count, List<FieldRef> fields, String object, int objectPosition,
                 Condition where, List<OrderItem> orderBy, Integer limit, Integer offset) {

    record FieldRef(String name, int position) {
    }

    /** A literal value: kind is STRING, NUMBER, DATE, DATETIME, BOOLEAN or NULL. */
    record Literal(String kind, Object value, int position) {
    }

    record OrderItem(FieldRef field, boolean descending, boolean nullsFirst) {
    }

    sealed interface Condition permits And, Or, Not, Comparison, InList, Like {
    }

    record And(List<Condition> operands) implements Condition {
    }

    record Or(List<Condition> operands) implements Condition {
    }

    record Not(Condition operand) implements Condition {
    }

    /** field op literal, op one of = != < <= > >= (<> is read as !=). */
    record Comparison(FieldRef field, String operator, Literal literal) implements Condition {
    }

    record InList(FieldRef field, boolean negated, List<Literal> values) implements Condition {
    }

    record Like(FieldRef field, Literal pattern) implements Condition {
    }
}
