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
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Notes when each invocation started, for the trigger latency benchmark: first reads the wall
 * clock (microseconds since the epoch, the clock a load driver in another process reads too),
 * then appends one line per record, {@code <partition key value><TAB><micros>}, to the file named
 * by {@code STAMP_FILE}. Reads the event as raw JSON ({@link RequestStreamHandler}).
 */
public class StartStamp implements RequestStreamHandler {
    private final Path file = Path.of(System.getenv("STAMP_FILE"));

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        StringBuilder lines = new StringBuilder();
        for (StreamJson.Change c : StreamJson.records(in)) {
            var pk = c.keys().get("pk");
            lines.append(pk.s() != null ? pk.s() : pk.n())
                    .append('\t')
                    .append(micros)
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
}
