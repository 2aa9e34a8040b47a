package dev.eddy.queue;

import dev.eddy.arn.Arn;

/**
 * A message move task as stored at {@code ("move-task", sourceName, number)} in
 * {@link dev.eddy.store.Keyspace#QUEUE_META} ({@link MoveTaskCodec}): it moves the receivable
 * messages of a source queue to a destination queue, or each back to the queue it was
 * dead-lettered from.
 *
 * @param taskId the UUID inside the task handle
 * @param number the task's place among all tasks, increasing with each start (orders the list)
 * @param source the queue the messages leave
 * @param sourceQueueId the source queue's number when the task started: a queue created again under
 *     the name is another queue, and the task does not apply to it
 * @param destination the queue the messages go to, or null for each message's dead-letter source
 * @param maxPerSecond the rate the request set (1 to 500), or null for as fast as the node can
 * @param status where the task is
 * @param moved how many messages it has moved
 * @param toMove how many receivable messages the source held at the start: the task moves no more
 * @param startedMillis when it started, epoch milliseconds
 * @param failureReason why it failed (the query error code of the cause), or null
 */
public record MoveTask(
        String taskId,
        long number,
        Arn.Queue source,
        long sourceQueueId,
        Arn.Queue destination,
        Integer maxPerSecond,
        Status status,
        long moved,
        long toMove,
        long startedMillis,
        String failureReason) {

    /** The states of a task, as ListMessageMoveTasks names them. */
    public enum Status {
        RUNNING,
        COMPLETED,
        CANCELLING,
        CANCELLED,
        FAILED;

        /** Whether a task in this state still blocks another task on its source. */
        public boolean active() {
            return this == RUNNING || this == CANCELLING;
        }
    }

    /** The handle StartMessageMoveTask returns and CancelMessageMoveTask takes. */
    public String handle() {
        return MoveTaskHandle.render(taskId, source);
    }

    MoveTask withProgress(long movedNow, Status newStatus, String reason) {
        return new MoveTask(
                taskId,
                number,
                source,
                sourceQueueId,
                destination,
                maxPerSecond,
                newStatus,
                movedNow,
                toMove,
                startedMillis,
                reason);
    }

    MoveTask withStatus(Status newStatus) {
        return withProgress(moved, newStatus, failureReason);
    }
}
