package io.healthsync.connectors.source;

/**
 * A 64-bit hash of an id's text: FNV-1a over its chars, then mixed (String.hashCode's 32 bits collide among
 * 100,000 ids). Never 0, so that 0 can mark an empty slot or a missing id.
 */
public final class IdHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private IdHash() {
    }

    public static long of(String id) {
        long hash = FNV_OFFSET;
        for (int i = 0; i < id.length(); i++) {
            hash ^= id.charAt(i);
            hash *= FNV_PRIME;
        }
        return mix(hash);
    }

    /** The finalizer that spreads a 64-bit value's bits; never 0. */
    public static long mix(long hash) {
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        return hash == 0 ? 1 : hash;
    }
}
