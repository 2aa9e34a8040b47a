package dev.eddy.mapping.shard;

import static dev.eddy.mapping.shard.Fixture.recs;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eddy.mapping.shard.ItemFailures.AllFailed;
import dev.eddy.mapping.shard.ItemFailures.AllSucceeded;
import dev.eddy.mapping.shard.ItemFailures.FailedFrom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec 4.8: every success and total-failure case of a ReportBatchItemFailures response. */
class ItemFailuresTest {
    private static final List<ShardRecord> BATCH = recs(1, 3);

    @Test
    void spec48_noListNullListEmptyObjectOrArrayResponseIsSuccess() {
        // the engine maps null, {}, [], {"batchItemFailures":null} and no response to a null list
        assertEquals(new AllSucceeded(), ItemFailures.classify(BATCH, null));
    }

    @Test
    void spec48_anEmptyListIsSuccess() {
        assertEquals(new AllSucceeded(), ItemFailures.classify(BATCH, List.of()));
    }

    @Test
    void spec48_anEmptyIdentifierFailsTheWholeBatch() {
        assertEquals(new AllFailed(), ItemFailures.classify(BATCH, List.of("")));
    }

    @Test
    void spec48_aNullMissingOrMisnamedIdentifierFailsTheWholeBatch() {
        // {"itemIdentifier":null}, {} and {"foo":123} all arrive as a null entry
        assertEquals(new AllFailed(), ItemFailures.classify(BATCH, Arrays.asList("s2", null)));
    }

    @Test
    void spec48_anIdentifierNotInTheBatchFailsTheWholeBatch() {
        assertEquals(new AllFailed(), ItemFailures.classify(BATCH, List.of("123")));
        assertEquals(new AllFailed(), ItemFailures.classify(BATCH, List.of("s2", "s9")));
    }

    @Test
    void spec48_theLowestReportedRecordWins() {
        assertEquals(new FailedFrom(1), ItemFailures.classify(BATCH, List.of("s3", "s2")));
        assertEquals(new FailedFrom(2), ItemFailures.classify(BATCH, List.of("s3")));
    }

    @Test
    void spec48_theFirstRecordReportedFailsTheWholeBatch() {
        assertEquals(new AllFailed(), ItemFailures.classify(BATCH, List.of("s1", "s3")));
    }
}
