package io.healthsync.store;

import io.healthsync.model.Signal;
import io.healthsync.scoring.features.AccountSignals;
import io.healthsync.scoring.features.SignalDetail;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A block of {@link SignalSnapshot} entries as signal_block's signals column holds them: a format version byte, the
 * count, then per account its id, segment, account digest, signal values (a null value kept as such; whole numbers
 * in two or four bytes, see {@link #writeValue}), the signals
 * that never happened, the details, the stale sources and the unknown labels. Signals and details are written by
 * their ordinal: the snapshot's inputs key names every signal and detail of the build that wrote it, so a build
 * with others never reads it.
 */
final class SignalBlock {

    private static final int VERSION = 1;
    private static final Signal[] SIGNALS = Signal.values();
    private static final SignalDetail[] DETAILS = SignalDetail.values();

    private SignalBlock() {
    }

    static byte[] encode(List<SignalSnapshot.Entry> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(entries.size() * 256 + 16);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(entries.size());
            for (SignalSnapshot.Entry entry : entries) {
                AccountSignals s = entry.signals();
                writeString(out, s.accountId());
                writeString(out, s.segment());
                out.writeLong(entry.accountDigest());
                // by key, not by entry: an enum map's entries are made as they are iterated (100,000 accounts a day)
                out.writeByte(s.values().size());
                for (Signal signal : SIGNALS) {
                    if (s.values().containsKey(signal)) {
                        out.writeByte(signal.ordinal());
                        writeValue(out, s.values().get(signal));
                    }
                }
                out.writeByte(s.neverHappened().size());
                for (Signal signal : s.neverHappened()) {
                    out.writeByte(signal.ordinal());
                }
                out.writeByte(s.details().size());
                for (SignalDetail detail : DETAILS) {
                    if (s.details().containsKey(detail)) {
                        out.writeByte(detail.ordinal());
                        writeValue(out, s.details().get(detail));
                    }
                }
                out.writeInt(s.staleSources().size());
                for (Map.Entry<String, String> stale : s.staleSources().entrySet()) {
                    writeString(out, stale.getKey());
                    writeString(out, stale.getValue());
                }
                out.writeInt(entry.unknownLabels().size());
                for (Map.Entry<String, Integer> label : entry.unknownLabels().entrySet()) {
                    writeString(out, label.getKey());
                    out.writeInt(label.getValue());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array is not written to a device
        }
        return bytes.toByteArray();
    }

    /** @param where what to name in the error when the bytes are not a block (the row they came from) */
    static List<SignalSnapshot.Entry> decode(byte[] block, String where) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(block))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new StoreException(where + ": a signal block of format " + version + ", which this build does not read",
                        null);
            }
            int count = in.readInt();
            List<SignalSnapshot.Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String accountId = readString(in);
                String segment = readString(in);
                long digest = in.readLong();
                Map<Signal, Double> values = new EnumMap<>(Signal.class);
                for (int n = in.readUnsignedByte(); n > 0; n--) {
                    Signal signal = SIGNALS[in.readUnsignedByte()];
                    values.put(signal, readValue(in));
                }
                Set<Signal> never = EnumSet.noneOf(Signal.class);
                for (int n = in.readUnsignedByte(); n > 0; n--) {
                    never.add(SIGNALS[in.readUnsignedByte()]);
                }
                Map<SignalDetail, Double> details = new EnumMap<>(SignalDetail.class);
                for (int n = in.readUnsignedByte(); n > 0; n--) {
                    SignalDetail key = DETAILS[in.readUnsignedByte()];
                    Double detail = readValue(in);
                    if (detail == null) {
                        throw new IOException("detail " + key + " without a value");
                    }
                    details.put(key, detail);
                }
                Map<String, String> stale = new LinkedHashMap<>();
                for (int n = in.readInt(); n > 0; n--) {
                    stale.put(readString(in), readString(in));
                }
                Map<String, Integer> unknown = new LinkedHashMap<>();
                for (int n = in.readInt(); n > 0; n--) {
                    unknown.put(readString(in), in.readInt());
                }
                entries.add(new SignalSnapshot.Entry(new AccountSignals(accountId, segment, values, never, details, stale),
                        digest, unknown));
            }
            if (in.read() != -1) {
                throw new IOException("bytes after the last of " + count + " accounts");
            }
            return entries;
        } catch (IOException | RuntimeException e) {
            if (e instanceof StoreException stored) {
                throw stored;
            }
            throw new StoreException(where + ": not a signal block (" + e + ")", e);
        }
    }

    private static final int NULL = 0;
    private static final int SHORT = 1;
    private static final int INT = 2;
    private static final int DOUBLE = 3;

    /**
     * A value in as few bytes as keep it exactly: most signals are counts and days (whole numbers), written as a short
     * or an int; others as the double itself (-0.0 among them, whose sign a whole number would lose). A snapshot of
     * 100,000 accounts took 16 MB with every value a double.
     */
    private static void writeValue(DataOutputStream out, Double value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
            return;
        }
        double v = value;
        int whole = (int) v;
        if (whole == v && Double.doubleToRawLongBits(v) == Double.doubleToRawLongBits(whole)) {
            if (whole >= Short.MIN_VALUE && whole <= Short.MAX_VALUE) {
                out.writeByte(SHORT);
                out.writeShort(whole);
            } else {
                out.writeByte(INT);
                out.writeInt(whole);
            }
            return;
        }
        out.writeByte(DOUBLE);
        out.writeDouble(v);
    }

    private static Double readValue(DataInputStream in) throws IOException {
        int kind = in.readUnsignedByte();
        return switch (kind) {
            case NULL -> null;
            case SHORT -> (double) in.readShort();
            case INT -> (double) in.readInt();
            case DOUBLE -> in.readDouble();
            default -> throw new IOException("a value of kind " + kind);
        };
    }

    /** A string of any length (writeUTF stops at 64 KB) or null: its UTF-8 length (-1 for null), then its bytes. */
    private static void writeString(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        if (length > in.available()) {
            throw new IOException("a string of " + length + " bytes where " + in.available() + " are left");
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
