package dev.eddy.mapping.target;

import dev.eddy.arn.Arn;
import dev.eddy.store.Transaction;

/**
 * Sends an on-failure destination record to an SQS queue inside the caller's store transaction, so
 * that the record and the checkpoint that passes its records commit together. The composition root
 * implements it with the queue service.
 */
@FunctionalInterface
public interface DestinationSender {

    /** A node without queues: every send fails as for a missing queue. */
    DestinationSender NONE = (tx, queue, body) -> {
        throw new IllegalStateException("no queue service: cannot send to " + queue);
    };

    /**
     * Sends {@code body} to {@code queue} as part of {@code tx}; receivers are woken once it commits.
     *
     * @throws dev.eddy.error.EddyException when the queue does not exist (any more)
     */
    void send(Transaction tx, Arn.Queue queue, String body);
}
