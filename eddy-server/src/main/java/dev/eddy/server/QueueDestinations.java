package dev.eddy.server;

import dev.eddy.arn.Arn;
import dev.eddy.function.AsyncDestinations;
import dev.eddy.queue.MessageAttribute;
import dev.eddy.queue.OutgoingMessage;
import dev.eddy.queue.QueueEngine;
import dev.eddy.store.Transaction;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The destinations of asynchronous invocations on this node's SQS queues: a record or a
 * dead-letter message is sent with {@link QueueEngine#send(Transaction, Arn.Queue,
 * OutgoingMessage)}, inside the transaction that takes the event off the function service's
 * queue. Thread-safe, as the queue engine is.
 */
final class QueueDestinations implements AsyncDestinations {
    private final QueueEngine queues;

    QueueDestinations(QueueEngine queues) {
        this.queues = queues;
    }

    @Override
    public boolean queueExists(Arn.Queue queue) {
        return queues.exists(queue);
    }

    @Override
    public void send(Transaction tx, Arn.Queue queue, Message message) {
        Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
        message.attributes()
                .forEach((name, a) -> attributes.put(name, new MessageAttribute(a.dataType(), a.value(), null)));
        queues.send(tx, queue, new OutgoingMessage(message.body(), attributes, null, null));
    }
}
