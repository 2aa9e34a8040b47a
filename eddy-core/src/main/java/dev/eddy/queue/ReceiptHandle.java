package dev.eddy.queue;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a receipt handle names: one receive of one message. Rendered as URL-safe base64 of a
 * version byte, the queue id, the message's send time, the receive's token and the message id; the
 * client treats it as opaque.
 *
 * @param queueId the queue the message was received from
 * @param sentMillis the message's key part
 * @param messageId the message's id
 * @param token the receive's token ({@link StoredMessage#receiptToken()} right after that receive)
 */
public record ReceiptHandle(long queueId, long sentMillis, String messageId, long token) {
    private static final byte VERSION = 1;

    /** The handle as the client sees it. */
    public String render() {
        byte[] id = messageId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 8 + 8 + id.length)
                .put(VERSION)
                .putLong(queueId)
                .putLong(sentMillis)
                .putLong(token)
                .put(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /**
     * Reads a handle rendered by {@link #render()}.
     *
     * @throws EddyException ReceiptHandleIsInvalid for anything else
     */
    public static ReceiptHandle parse(String text) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Base64.getUrlDecoder().decode(text));
            if (b.remaining() > 25 && b.remaining() <= 25 + 64 && b.get() == VERSION) {
                long queueId = b.getLong();
                long sent = b.getLong();
                long token = b.getLong();
                byte[] id = new byte[b.remaining()];
                b.get(id);
                return new ReceiptHandle(queueId, sent, new String(id, StandardCharsets.UTF_8), token);
            }
        } catch (IllegalArgumentException e) {
            // not base64: invalid like any other unknown handle
        }
        throw new EddyException(
                ErrorCode.SQS_RECEIPT_HANDLE_IS_INVALID,
                "The input receipt handle \"" + text + "\" is not a valid receipt handle.");
    }
}
