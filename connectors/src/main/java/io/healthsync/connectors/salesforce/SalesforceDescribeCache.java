package io.healthsync.connectors.salesforce;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Describes fetched in this process: one describe call per object, shared by the pull and the writeback. */
public final class SalesforceDescribeCache {

    private final Map<String, SObjectDescribe> byObject = new ConcurrentHashMap<>();

    public Optional<SObjectDescribe> get(String sobject) {
        return Optional.ofNullable(byObject.get(sobject.toLowerCase()));
    }

    public void put(String sobject, SObjectDescribe describe) {
        byObject.put(sobject.toLowerCase(), describe);
    }
}
