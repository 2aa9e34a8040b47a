package dev.eddy.queue;

/**
 * A message as one receive returned it.
 *
 * @param message the message after this receive (receive count and first receive updated)
 * @param receiptHandle the handle that deletes it or changes its visibility
 */
public record ReceivedMessage(StoredMessage message, String receiptHandle) {}
