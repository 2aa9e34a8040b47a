package dev.eddy.stream;

import dev.eddy.arn.Account;
import dev.eddy.arn.Arn;
import dev.eddy.table.StreamViewType;

/**
 * What Eddy keeps about one stream, stored at ("desc", tableName, label). A table that disables
 * and enables its stream again gets a new descriptor (a new label, so a new ARN).
 *
 * @param id internal number of the stream's key space
 * @param tableUuid the TableId of the table incarnation the stream belongs to
 * @param hashKey partition key attribute name; {@code rangeKey} null when the table has none
 * @param partitions number of shard lineages (fixed at creation)
 * @param salt mixes the shard ids so that they look opaque
 * @param disabledMillis when the stream was disabled (0 while enabled)
 */
record StreamDescriptor(
        long id,
        String tableName,
        String tableUuid,
        String label,
        StreamViewType viewType,
        String hashKey,
        String rangeKey,
        long createdMillis,
        int partitions,
        int salt,
        boolean disabled,
        long disabledMillis) {

    StreamDescriptor disable(long at) {
        return new StreamDescriptor(
                id,
                tableName,
                tableUuid,
                label,
                viewType,
                hashKey,
                rangeKey,
                createdMillis,
                partitions,
                salt,
                true,
                at);
    }

    Arn.Stream arn(Account account) {
        return account.stream(tableName, label);
    }
}
