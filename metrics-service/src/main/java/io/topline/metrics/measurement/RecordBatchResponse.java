package io.topline.metrics.measurement;

import java.util.List;

/**
 * The outcome of a committed batch: how many items were new, which were duplicates of stored client ids, and the
 * revision each touched actual reached.
 */
public record RecordBatchResponse(int received, int accepted, int duplicates, List<Integer> duplicateIndexes,
                                  List<ActualRevision> actuals) {

    /** An actual the batch changed, and its revision after the change. */
    public record ActualRevision(String measure, String period, long revision) {
    }
}
