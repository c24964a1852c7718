package io.healthsync.routes;

import java.util.ArrayList;
import java.util.List;

/**
 * What one apply sends side by side: each Bulk API 2.0 job on a lane of its own, and every sObject Collections batch
 * on one lane, in the plan's order (a batch's results are stored before the next batch goes out, so a crash or an
 * API-limit stop leaves a prefix written). The lanes share nothing but the API-limit stop and the progress.
 */
final class ApplyLanes {

    /** The collections batches of one apply, sent one at a time. */
    record Collections(List<WritebackService.WriteBatch> batches) {
    }

    private ApplyLanes() {
    }

    /** The bulk batches, each its own lane, then the collections batches together as the last lane (when any). */
    static List<Object> of(List<WritebackService.WriteBatch> batches) {
        List<Object> lanes = new ArrayList<>();
        List<WritebackService.WriteBatch> collections = new ArrayList<>();
        for (WritebackService.WriteBatch batch : batches) {
            if (batch.bulk()) {
                lanes.add(batch);
            } else {
                collections.add(batch);
            }
        }
        if (!collections.isEmpty()) {
            lanes.add(new Collections(List.copyOf(collections)));
        }
        return lanes;
    }
}
