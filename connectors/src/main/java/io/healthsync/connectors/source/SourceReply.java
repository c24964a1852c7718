package io.healthsync.connectors.source;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP answer as the source sent it: status, headers (names case-insensitive) and the raw body; or, for an answer
 * its source reads as it arrives ({@link HttpSource#answerReader}), what the reader made of it, the body left empty.
 */
public record SourceReply(int status, Map<String, String> headers, byte[] body, Object read) {

    public SourceReply(int status, Map<String, String> headers, byte[] body) {
        this(status, headers, body, null);
    }

    public SourceReply {
        TreeMap<String, String> insensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (k != null && v != null) {
                    insensitive.put(k, v);
                }
            });
        }
        headers = insensitive;
        body = body == null ? new byte[0] : body;
    }

    /**
     * What the source's {@link HttpSource.AnswerReader} made of the answer, or null when the body was read whole; an
     * answer the reader found malformed throws that here, where {@link HttpSource#map} asks for it.
     */
    public <T> T read(Class<T> type) throws MalformedPageException {
        if (read instanceof MalformedPageException malformed) {
            throw malformed;
        }
        return read == null ? null : type.cast(read);
    }

    public String header(String name) {
        return headers.get(name);
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** The start of the body, for error messages: never more than 300 characters, whitespace collapsed. */
    public String excerpt() {
        String text = text().replaceAll("\\s+", " ").trim();
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    @Override
    public String toString() {
        return "HTTP " + status + " " + excerpt().toLowerCase(Locale.ROOT);
    }
}
