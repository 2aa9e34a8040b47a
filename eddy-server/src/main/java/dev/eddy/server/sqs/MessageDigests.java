package dev.eddy.server.sqs;

import dev.eddy.queue.MessageAttribute;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The MD5 digests SQS returns and the SDKs check: of a body, and of a set of message (or message
 * system) attributes. Lower-case hex.
 *
 * <p>Attributes are digested in ascending order of name; each contributes its name and its data
 * type (label included), each as a 4-byte big-endian length and the UTF-8 bytes, then one transport
 * byte (1 for a string value, 2 for a binary one) and the value, length-prefixed the same way.
 */
final class MessageDigests {
    private static final byte STRING = 1;
    private static final byte BINARY = 2;

    private MessageDigests() {}

    /** MD5OfMessageBody / MD5OfBody: the digest of the body's UTF-8 bytes. */
    static String ofBody(String body) {
        return hex(md5(body.getBytes(StandardCharsets.UTF_8)));
    }

    /** MD5OfMessageAttributes / MD5OfMessageSystemAttributes, or null when there are none. */
    static String ofAttributes(Map<String, MessageAttribute> attributes) {
        if (attributes.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TreeMap<>(attributes).forEach((name, a) -> {
            lengthPrefixed(out, name.getBytes(StandardCharsets.UTF_8));
            lengthPrefixed(out, a.dataType().getBytes(StandardCharsets.UTF_8));
            if (a.binary()) {
                out.write(BINARY);
                lengthPrefixed(out, a.binaryValue());
            } else {
                out.write(STRING);
                lengthPrefixed(out, a.stringValue().getBytes(StandardCharsets.UTF_8));
            }
        });
        return hex(md5(out.toByteArray()));
    }

    private static void lengthPrefixed(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static byte[] md5(byte[] bytes) {
        try {
            return MessageDigest.getInstance("MD5").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            // every Java platform must provide MD5
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] digest) {
        return HexFormat.of().formatHex(digest);
    }
}
