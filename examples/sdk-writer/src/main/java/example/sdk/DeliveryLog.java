package example.sdk;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Appends one line per delivered DynamoDB stream record to the file named by {@code
 * DELIVERY_FILE}: {@code eventID}, {@code SequenceNumber} and the key (its S or N values, by
 * attribute name, joined with {@code |}), separated by tabs, in the order delivered. A batch's
 * lines go in one append (one system call for a batch of ordinary size); a process killed during
 * it may leave a line cut short, which the next append runs into, so readers skip lines that do
 * not have three fields. The crash test reads the file to see what was delivered and how often.
 *
 * <p>Reads the event as raw JSON ({@link RequestStreamHandler}).
 */
public class DeliveryLog implements RequestStreamHandler {
    private final Path file = Path.of(System.getenv("DELIVERY_FILE"));

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        List<StreamJson.Change> records = StreamJson.records(in);
        StringBuilder lines = new StringBuilder();
        for (StreamJson.Change c : records) {
            lines.append(c.eventId())
                    .append('\t')
                    .append(c.sequenceNumber())
                    .append('\t')
                    .append(key(c.keys()))
                    .append('\n');
        }
        ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }

    private static String key(Map<String, AttributeValue> keys) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(keys).forEach((name, value) -> {
            if (!sb.isEmpty()) {
                sb.append('|');
            }
            sb.append(value.s() != null ? value.s() : value.n());
        });
        return sb.toString();
    }
}
