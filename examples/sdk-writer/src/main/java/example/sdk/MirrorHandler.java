package example.sdk;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Applies each change of a DynamoDB stream to a mirror table, exactly once per change although
 * the stream delivers at least once: for each record, a transaction puts a change-log item keyed
 * by the record's {@code eventID} (only if that eventID is not there yet) and puts the new image
 * into the mirror (INSERT, MODIFY) or deletes the key from it (REMOVE). A record delivered again
 * finds its eventID logged and changes nothing. Records are applied in the order delivered, which
 * per key is the order of the writes; consecutive records of distinct keys share a transaction, and
 * when one of them was applied before, they are applied one by one.
 *
 * <p>Configuration by environment: {@code MIRROR_TABLE} (keyed like the source), {@code
 * CHANGE_TABLE} (hash key {@code eventID}, a string), {@code FAIL_PERCENT} (default 0): the
 * percentage of invocations that throw after applying a random number of their records, to
 * exercise the retries.
 *
 * <p>Reads the event as raw JSON ({@link RequestStreamHandler}).
 */
public class MirrorHandler implements RequestStreamHandler {
    /** Records per transaction: two writes each, well within the 100 actions of a transaction. */
    private static final int CHUNK = 25;

    private final DynamoDbClient dynamo = DynamoDbClient.create();
    private final String mirror = System.getenv("MIRROR_TABLE");
    private final String changes = System.getenv("CHANGE_TABLE");
    private final int failPercent = Integer.parseInt(System.getenv().getOrDefault("FAIL_PERCENT", "0"));

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        List<StreamJson.Change> records = StreamJson.records(in);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // fails after applying 0 to all of the records, so that a retry finds some of them logged
        int failAfter = random.nextInt(100) < failPercent ? random.nextInt(records.size() + 1) : -1;
        int duplicates = 0;
        List<StreamJson.Change> chunk = new ArrayList<>();
        Set<Map<String, AttributeValue>> keys = new HashSet<>();
        for (int i = 0; i <= records.size(); i++) {
            boolean last = i == records.size();
            // a transaction may not touch one item twice: a repeated key starts the next chunk
            if (last
                    || i == failAfter
                    || chunk.size() == CHUNK
                    || keys.contains(records.get(i).keys())) {
                duplicates += applyAll(chunk);
                chunk.clear();
                keys.clear();
            }
            if (i == failAfter) {
                throw new IllegalStateException("forced failure after " + i + " of " + records.size() + " records");
            }
            if (!last) {
                chunk.add(records.get(i));
                keys.add(records.get(i).keys());
            }
        }
        if (duplicates > 0) {
            context.getLogger().log(duplicates + " of " + records.size() + " records were applied before\n");
        }
    }

    /**
     * Applies changes to distinct keys in one transaction; when one of them was applied before, one
     * by one instead. Returns how many were applied before.
     */
    private int applyAll(List<StreamJson.Change> chunk) {
        if (chunk.isEmpty()) {
            return 0;
        }
        List<TransactWriteItem> items = new ArrayList<>();
        for (StreamJson.Change c : chunk) {
            items.add(logOnce(c));
            items.add(change(c));
        }
        try {
            dynamo.transactWriteItems(t -> t.transactItems(items));
            return 0;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().noneMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                throw e;
            }
        }
        int duplicates = 0;
        for (StreamJson.Change c : chunk) {
            if (!apply(c)) {
                duplicates++;
            }
        }
        return duplicates;
    }

    /** Applies one change; false when its eventID was already logged (a redelivery). */
    private boolean apply(StreamJson.Change c) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(logOnce(c), change(c)));
            return true;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty()
                    && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                return false;
            }
            throw e;
        }
    }

    /** The change-log put of the change's eventID, only if not logged yet. */
    private TransactWriteItem logOnce(StreamJson.Change c) {
        return TransactWriteItem.builder()
                .put(p -> p.tableName(changes)
                        .item(Map.of(
                                "eventID", AttributeValue.fromS(c.eventId()),
                                "eventName", AttributeValue.fromS(c.eventName()),
                                "sequenceNumber", AttributeValue.fromS(c.sequenceNumber()),
                                "keys", AttributeValue.fromM(c.keys())))
                        .conditionExpression("attribute_not_exists(eventID)"))
                .build();
    }

    /** The mirror's write: the new image, or the deletion of the key. */
    private TransactWriteItem change(StreamJson.Change c) {
        return c.eventName().equals("REMOVE")
                ? TransactWriteItem.builder()
                        .delete(d -> d.tableName(mirror).key(c.keys()))
                        .build()
                : TransactWriteItem.builder()
                        .put(p -> p.tableName(mirror).item(Objects.requireNonNull(c.newImage(), "NewImage")))
                        .build();
    }
}
