package dev.eddy.function;

import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.Transaction;
import java.util.Map;
import java.util.Objects;

/**
 * Where the results of asynchronous invocations go: the SQS queues named by an event invoke
 * configuration's destinations and by a function's dead-letter queue. The composition root
 * implements it with the queue service; {@link #NONE} stands for a node without one.
 *
 * <p>Thread-safe. {@link #queueExists} is called while a configuration is validated, outside any
 * transaction; {@link #send} inside the transaction that also removes the delivered event, so an
 * event is either still queued or delivered, never both and never neither.
 */
public interface AsyncDestinations {

    /** A node without a queue service: no queue exists and nothing can be sent. */
    AsyncDestinations NONE = new AsyncDestinations() {
        @Override
        public boolean queueExists(Arn.Queue queue) {
            return false;
        }

        @Override
        public void send(Transaction tx, Arn.Queue queue, Message message) {
            throw new EddyException(ErrorCode.LAMBDA_SERVICE, "No queue service: cannot send to " + queue);
        }
    };

    /** Whether {@code queue} exists now (and belongs to this node's region and account). */
    boolean queueExists(Arn.Queue queue);

    /**
     * Sends {@code message} to {@code queue} as part of {@code tx}: it becomes visible when {@code
     * tx} commits and not at all when it does not. May run again on a conflict retry.
     *
     * @throws EddyException when the queue no longer exists or refuses the message
     */
    void send(Transaction tx, Arn.Queue queue, Message message);

    /**
     * One message for a queue.
     *
     * @param body the message body (a destination record, or the original event for a DLQ)
     * @param attributes message attributes by name
     */
    record Message(String body, Map<String, Attribute> attributes) {
        public Message {
            Objects.requireNonNull(body);
            attributes = Map.copyOf(attributes);
        }
    }

    /**
     * One message attribute.
     *
     * @param dataType {@code String} or {@code Number}
     * @param value its value
     */
    record Attribute(String dataType, String value) {
        public Attribute {
            Objects.requireNonNull(dataType);
            Objects.requireNonNull(value);
        }
    }
}
