package dev.eddy.server.http;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Request ids in the shapes the AWS services use; the front door puts one in the
 * {@code x-amzn-RequestId} header of every answer. Thread-safe.
 */
public final class RequestIds {
    private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();

    private RequestIds() {}

    /** DynamoDB's shape: 52 upper-case letters and digits. */
    public static String dynamoDbStyle() {
        char[] id = new char[52];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }

    /** The shape of Lambda and SQS: a random UUID. */
    public static String uuid() {
        return UUID.randomUUID().toString();
    }
}
