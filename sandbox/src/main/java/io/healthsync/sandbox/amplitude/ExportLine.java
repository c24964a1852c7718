package io.healthsync.sandbox.amplitude;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One export line's JSON written straight into a byte buffer, reused line after line: the field names are
 * encoded once, and a value is copied byte for byte when it is plain ASCII (every id, time and name the stand-in
 * makes), else escaped by Jackson. Jackson's generator checked every character of every name and value for
 * escaping, a quarter of the stand-in's CPU in a bench with every source, which shares the cores with the app
 * it measures.
 */
final class ExportLine {

    private byte[] bytes = new byte[1024];
    private int length;
    private boolean firstField;

    /** A field's name, quoted with its colon: {@code "event_type":}. */
    static byte[] name(String field) {
        return ("\"" + new String(JsonStringEncoder.getInstance().quoteAsString(field)) + "\":")
                .getBytes(StandardCharsets.UTF_8);
    }

    ExportLine start() {
        length = 0;
        return open();
    }

    ExportLine open() {
        put((byte) '{');
        firstField = true;
        return this;
    }

    ExportLine close() {
        put((byte) '}');
        firstField = false;
        return this;
    }

    /** {@code "name":{} }, the object opened. */
    ExportLine object(byte[] name) {
        field(name);
        return open();
    }

    ExportLine string(byte[] name, String value) {
        field(name);
        if (value == null) {
            put("null".getBytes(StandardCharsets.US_ASCII));
        } else {
            quoted(value);
        }
        return this;
    }

    /** {@code "name":["value"]}. */
    ExportLine stringArray(byte[] name, String value) {
        field(name);
        put((byte) '[');
        quoted(value);
        put((byte) ']');
        return this;
    }

    ExportLine number(byte[] name, long value) {
        field(name);
        ascii(Long.toString(value));
        return this;
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    private void field(byte[] name) {
        if (!firstField) {
            put((byte) ',');
        }
        firstField = false;
        put(name);
    }

    /** The value in quotes: copied byte for byte while it is plain ASCII, else escaped and encoded by Jackson. */
    private void quoted(String value) {
        put((byte) '"');
        int start = length;
        room(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                length = start;
                put(JsonStringEncoder.getInstance().quoteAsUTF8(value));
                break;
            }
            bytes[length++] = (byte) c;
        }
        put((byte) '"');
    }

    private void ascii(String digits) {
        room(digits.length());
        for (int i = 0; i < digits.length(); i++) {
            bytes[length++] = (byte) digits.charAt(i);
        }
    }

    private void put(byte b) {
        room(1);
        bytes[length++] = b;
    }

    private void put(byte[] more) {
        room(more.length);
        System.arraycopy(more, 0, bytes, length, more.length);
        length += more.length;
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
