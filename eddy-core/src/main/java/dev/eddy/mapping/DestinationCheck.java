package dev.eddy.mapping;

import dev.eddy.arn.Arn;

/**
 * Answers whether an on-failure destination exists, so that a mapping naming a missing queue is
 * refused as Lambda refuses it. The composition root implements it with the queue service;
 * until a queue service is wired, {@link #NO_QUEUES} says that no queue exists. Thread-safe;
 * called while a Create or Update is validated, outside any store transaction.
 */
@FunctionalInterface
public interface DestinationCheck {

    /** A node without a queue service: every SQS destination is missing. */
    DestinationCheck NO_QUEUES = queue -> false;

    /** Whether the queue {@code queue} (of this node's region and account) exists now. */
    boolean queueExists(Arn.Queue queue);
}
