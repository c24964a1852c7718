package io.healthsync.connectors.source;

/**
 * One record a source's mapper cannot turn into canonical records: it is quarantined with this reason, which
 * says what is wrong and where in the record, and the rest of the page goes on. (A page that cannot be read
 * at all is a {@link MalformedPageException}.)
 */
public final class UnmappableRecord extends Exception {

    public UnmappableRecord(String reason) {
        super(reason, null, false, false);
    }
}
