package io.healthsync.store;

import io.healthsync.model.Band;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scores of a block of accounts on one day, as score_backfill's scores column holds them: a format version
 * byte, the count, then per account its id (modified UTF-8), its score (an IEEE 754 double), its band and its model
 * version (each the index of a name in a list that precedes the accounts, -1 for none).
 */
final class ScoreBlock {

    private static final int VERSION = 1;

    /** One account's score in a block. */
    record Entry(String accountId, double score, Band band, String modelVersion) {
    }

    private ScoreBlock() {
    }

    static byte[] encode(List<Entry> entries) {
        // each name's index, in the order of first use (looked up by hash: a block is written 1.1 million entries
        // a first run, and a search of the list for each showed in profiles)
        Map<String, Integer> names = new LinkedHashMap<>();
        for (Entry entry : entries) {
            names.putIfAbsent(entry.band().name(), names.size());
            if (entry.modelVersion() != null) {
                names.putIfAbsent(entry.modelVersion(), names.size());
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(entries.size() * 32 + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeShort(names.size());
            for (String name : names.keySet()) {
                out.writeUTF(name);
            }
            out.writeInt(entries.size());
            for (Entry entry : entries) {
                out.writeUTF(entry.accountId());
                out.writeDouble(entry.score());
                out.writeShort(names.get(entry.band().name()));
                out.writeShort(entry.modelVersion() == null ? -1 : names.get(entry.modelVersion()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array is not written to a device
        }
        return bytes.toByteArray();
    }

    /** @param where what to name in the error when the bytes are not a block (the row they came from) */
    static List<Entry> decode(byte[] block, String where) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(block))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new StoreException(where + ": a score block of format " + version + ", which this build does not read",
                        null);
            }
            String[] names = new String[in.readUnsignedShort()];
            for (int i = 0; i < names.length; i++) {
                names[i] = in.readUTF();
            }
            int count = in.readInt();
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String accountId = in.readUTF();
                double score = in.readDouble();
                Band band = Band.valueOf(names[in.readShort()]);
                short model = in.readShort();
                entries.add(new Entry(accountId, score, band, model < 0 ? null : names[model]));
            }
            return entries;
        } catch (IOException | RuntimeException e) {
            if (e instanceof StoreException stored) {
                throw stored;
            }
            throw new StoreException(where + ": not a score block (" + e + ")", e);
        }
    }
}
