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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Checks a parsed query against the org's schema the way Salesforce does (unknown object, unknown field,
 * a literal of the wrong type), then runs it: filter, sort, offset, limit. The result is a snapshot: the
 * selected values copied out of the live records, so later writes do not change pages already promised.
 */
final class SoqlEvaluator {

    private static final int MAX_OFFSET = 2000;

    /** The selected fields, and one row per record: the selected values followed by the record's Id. */
    record Result(String object, List<FieldDef> fields, List<Object[]> rows, boolean count) {
    }

    private final SandboxOrg org;
    private final String soql;

    private SoqlEvaluator(SandboxOrg org, String soql) {
        this.org = org;
        this.soql = soql;
    }

    static Result run(SandboxOrg org, SoqlQuery query, boolean includeDeleted) {
        return new SoqlEvaluator(org, query.soql()).execute(query, includeDeleted);
    }

    private Result execute(SoqlQuery query, boolean includeDeleted) {
        SObjectTable table = org.find(query.object()).orElseThrow(() -> SoqlException.at(soql,
                query.objectPosition(), "INVALID_TYPE", "sObject type '" + query.object() + "' is not supported. "
                        + "If you are attempting to use a custom object, be sure to append the '__c' after the "
                        + "entity name. Please reference your WSDL or the describe call for the appropriate names."));
        SObjectSchema schema = table.schema();
        List<Integer> selected = selectedFields(schema, query.fields());
        Predicate<Object[]> filter = query.where() == null ? row -> true : compile(schema, query.where());
        Comparator<Object[]> order = ordering(schema, query.orderBy());
        if (query.offset() != null && query.offset() > MAX_OFFSET) {
            throw SoqlException.plain("NUMBER_OUTSIDE_VALID_RANGE", "Maximum SOQL offset allowed is " + MAX_OFFSET);
        }

        int deletedIndex = schema.indexOf("IsDeleted");
        List<Object[]> matches = new ArrayList<>();
        for (Object[] row : table.rows()) {
            boolean deleted = deletedIndex >= 0 && Boolean.TRUE.equals(row[deletedIndex]);
            if ((includeDeleted || !deleted) && filter.test(row)) {
                matches.add(row);
            }
        }
        if (order != null) {
            matches.sort(order);
        }
        int from = Math.min(matches.size(), query.offset() == null ? 0 : query.offset());
        int to = query.limit() == null ? matches.size() : (int) Math.min(matches.size(), (long) from + query.limit());
        List<FieldDef> fields = selected.stream().map(schema.fields()::get).toList();
        return new Result(schema.name(), fields, snapshot(matches.subList(from, to), selected), query.count());
    }

    private List<Integer> selectedFields(SObjectSchema schema, List<FieldRef> refs) {
        List<Integer> selected = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (FieldRef ref : refs) {
            int index = resolve(schema, ref);
            if (!seen.add(index)) {
                throw SoqlException.at(soql, ref.position(), "MALFORMED_QUERY",
                        "duplicate field selected: " + schema.fields().get(index).name());
            }
            selected.add(index);
        }
        return selected;
    }

    /** Copies the selected values (and the Id, last) out of the live records. */
    private static List<Object[]> snapshot(List<Object[]> records, List<Integer> selected) {
        List<Object[]> rows = new ArrayList<>(records.size());
        for (Object[] record : records) {
            Object[] copy = new Object[selected.size() + 1];
            for (int i = 0; i < selected.size(); i++) {
                copy[i] = record[selected.get(i)];
            }
            copy[selected.size()] = record[0];
            rows.add(copy);
        }
        return rows;
    }

    private int resolve(SObjectSchema schema, FieldRef ref) {
        if (ref.name().contains(".")) {
            String relationship = ref.name().substring(0, ref.name().indexOf('.'));
            throw SoqlException.at(soql, ref.position(), "INVALID_FIELD", "Didn't understand relationship '"
                    + relationship + "' in field path. If you are attempting to use a custom relationship, be sure "
                    + "to append the '__r' after the custom relationship name. Please reference your WSDL or the "
                    + "describe call for the appropriate names.");
        }
        int index = schema.indexOf(ref.name());
        if (index < 0) {
            throw SoqlException.at(soql, ref.position(), "INVALID_FIELD", "No such column '" + ref.name()
                    + "' on entity '" + schema.name() + "'. If you are attempting to use a custom field, be sure to "
                    + "append the '__c' after the custom field name. Please reference your WSDL or the describe "
                    + "call for the appropriate names.");
        }
        return index;
    }

    private Predicate<Object[]> compile(SObjectSchema schema, Condition condition) {
        if (condition instanceof And and) {
            return all(and.operands().stream().map(c -> compile(schema, c)).toList());
        }
        if (condition instanceof Or or) {
            return any(or.operands().stream().map(c -> compile(schema, c)).toList());
        }
        if (condition instanceof Not not) {
            return compile(schema, not.operand()).negate();
        }
        if (condition instanceof Comparison comparison) {
            return comparison(schema, comparison);
        }
        if (condition instanceof InList in) {
            return inList(schema, in);
        }
        return like(schema, (Like) condition);
    }

    // plain loops over an array: a stream per row made a 1.2-million-row scan (a pull's count and query of Tasks)
    // take most of a second
    @SuppressWarnings("unchecked")
    private static Predicate<Object[]> all(List<Predicate<Object[]>> parts) {
        Predicate<Object[]>[] each = parts.toArray(new Predicate[0]);
        return row -> {
            for (Predicate<Object[]> part : each) {
                if (!part.test(row)) {
                    return false;
                }
            }
            return true;
        };
    }

    @SuppressWarnings("unchecked")
    private static Predicate<Object[]> any(List<Predicate<Object[]>> parts) {
        Predicate<Object[]>[] each = parts.toArray(new Predicate[0]);
        return row -> {
            for (Predicate<Object[]> part : each) {
                if (part.test(row)) {
                    return true;
                }
            }
            return false;
        };
    }

    private Predicate<Object[]> comparison(SObjectSchema schema, Comparison comparison) {
        int index = filterable(schema, comparison.field());
        FieldDef field = schema.fields().get(index);
        Object literal = literalValue(field, comparison.field(), comparison.literal());
        String op = comparison.operator();
        if (literal == null) {
            return switch (op) {
                case "=" -> row -> row[index] == null;
                case "!=" -> row -> row[index] != null;
                default -> row -> false;
            };
        }
        // as in SOQL, "!=" matches records where the field is empty
        return switch (op) {
            case "=" -> row -> row[index] != null && equal(field, row[index], literal);
            case "!=" -> row -> row[index] == null || !equal(field, row[index], literal);
            case "<" -> row -> row[index] != null && compare(field, row[index], literal) < 0;
            case "<=" -> row -> row[index] != null && compare(field, row[index], literal) <= 0;
            case ">" -> row -> row[index] != null && compare(field, row[index], literal) > 0;
            default -> row -> row[index] != null && compare(field, row[index], literal) >= 0;
        };
    }

    private Predicate<Object[]> inList(SObjectSchema schema, InList in) {
        int index = filterable(schema, in.field());
        FieldDef field = schema.fields().get(index);
        List<Object> values = new ArrayList<>();
        for (Literal literal : in.values()) {
            values.add(literalValue(field, in.field(), literal));
        }
        Predicate<Object[]> member = row -> {
            Object value = row[index];
            return values.stream().anyMatch(v -> v == null ? value == null : value != null && equal(field, value, v));
        };
        return in.negated() ? member.negate() : member;
    }

    private Predicate<Object[]> like(SObjectSchema schema, Like like) {
        int index = filterable(schema, like.field());
        FieldDef field = schema.fields().get(index);
        if (field.type().kind() != FieldType.Kind.TEXT || !"STRING".equals(like.pattern().kind())) {
            throw SoqlException.at(soql, like.field().position(), "INVALID_FIELD",
                    "invalid operator on field '" + field.name() + "'");
        }
        Pattern pattern = likePattern((String) like.pattern().value());
        return row -> row[index] != null && pattern.matcher((String) row[index]).matches();
    }

    private int filterable(SObjectSchema schema, FieldRef ref) {
        int index = resolve(schema, ref);
        FieldDef field = schema.fields().get(index);
        if (!field.filterable()) {
            throw SoqlException.at(soql, ref.position(), "INVALID_FIELD",
                    "field '" + field.name() + "' can not be filtered in a query call");
        }
        return index;
    }

    /** The literal as a value of the field's kind; a literal of another kind is refused as Salesforce does. */
    private Object literalValue(FieldDef field, FieldRef ref, Literal literal) {
        if ("NULL".equals(literal.kind())) {
            return null;
        }
        String expected = switch (field.type().kind()) {
            case TEXT -> "STRING";
            case NUMBER -> "NUMBER";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case DATETIME -> "DATETIME";
        };
        if (!expected.equals(literal.kind())) {
            String typeName = switch (field.type().kind()) {
                case TEXT -> "string";
                case NUMBER -> field.type() == FieldType.INT ? "int" : "double";
                case BOOLEAN -> "boolean";
                case DATE -> "date";
                case DATETIME -> "dateTime";
            };
            String quotes = field.type().kind() == FieldType.Kind.TEXT ? "should be enclosed in quotes"
                    : "should not be enclosed in quotes";
            throw SoqlException.at(soql, ref.position(), "INVALID_FIELD", "value of filter criterion for field '"
                    + field.name() + "' must be of type " + typeName + " and " + quotes);
        }
        Object value = literal.value();
        if (value instanceof BigDecimal number) {
            return number.doubleValue();
        }
        if (field.type().isIdLike() && value instanceof String id && id.length() == 15
                && SalesforceIds.isWellFormed(id)) {
            return SalesforceIds.to18(id);
        }
        return value;
    }

    private Comparator<Object[]> ordering(SObjectSchema schema, List<OrderItem> items) {
        Comparator<Object[]> order = null;
        for (OrderItem item : items) {
            int index = resolve(schema, item.field());
            FieldDef field = schema.fields().get(index);
            if (!field.filterable()) {
                throw SoqlException.at(soql, item.field().position(), "INVALID_FIELD",
                        "field '" + field.name() + "' can not be sorted in a query call");
            }
            Comparator<Object> values = (a, b) -> compare(field, a, b);
            if (item.descending()) {
                values = values.reversed();
            }
            values = item.nullsFirst() ? Comparator.nullsFirst(values) : Comparator.nullsLast(values);
            Comparator<Object> byValue = values;
            Comparator<Object[]> byField = (a, b) -> byValue.compare(a[index], b[index]);
            order = order == null ? byField : order.thenComparing(byField);
        }
        return order;
    }

    private static boolean equal(FieldDef field, Object value, Object literal) {
        if (field.type().kind() == FieldType.Kind.TEXT && !field.type().isIdLike()) {
            return ((String) value).equalsIgnoreCase((String) literal);
        }
        return compare(field, value, literal) == 0;
    }

    /** Ids compare as strings (case-sensitive); other text ignores case, as SOQL does. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(FieldDef field, Object a, Object b) {
        return switch (field.type().kind()) {
            case TEXT -> field.type().isIdLike() ? ((String) a).compareTo((String) b)
                    : String.CASE_INSENSITIVE_ORDER.compare((String) a, (String) b);
            case NUMBER -> Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
            default -> ((Comparable) a).compareTo(b);
        };
    }

    /** SOQL LIKE: % any run, _ one character, \% and \_ literal; case-insensitive. */
    private static Pattern likePattern(String like) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }
}
