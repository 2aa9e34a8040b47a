package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.server.Main;
import dev.eddy.testkit.TestNames;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;

/** {@code eddy mappings [--drain]} lists a running server's mappings once they processed what was written. */
class MappingsCommandTest extends InMemoryServerTest {
    private static LambdaClient lambda;

    @BeforeAll
    static void client() {
        lambda = Lambdas.client(server);
    }

    @AfterAll
    static void close() {
        lambda.close();
    }

    private static int run(StringWriter out, StringWriter err, String... args) {
        return new CommandLine(new Main())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute(args);
    }

    @Test
    void drainsThenListsStatePositionAndLag() {
        String streamArn = Mappings.streamedTable(ddb);
        String table = streamArn.substring(streamArn.indexOf("table/") + 6, streamArn.indexOf("/stream/"));
        String fn = TestNames.unique("cli-esm");
        Lambdas.deploy(lambda, fn, "handlers", "example.NoOp");
        String uuid = lambda.createEventSourceMapping(b ->
                        b.eventSourceArn(streamArn).functionName(fn).startingPosition(EventSourcePosition.TRIM_HORIZON))
                .uuid();
        for (int i = 0; i < 20; i++) {
            String id = "k" + i;
            ddb.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS(id))));
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(out, err, "mappings", "--endpoint", server.endpoint().toString(), "--drain", "--uuid", uuid);

        assertThat(err.toString()).isEmpty();
        assertThat(code).isZero();
        String text = out.toString();
        assertThat(text).contains(uuid + "  Enabled  lag 0  OK\n  " + streamArn + " -> ");
        // every record was polled once, over the table's shards, and none is left behind
        long polled = text.lines()
                .filter(l -> l.contains("polled "))
                .mapToLong(l -> Long.parseLong(l.replaceAll(".*polled (\\d+).*", "$1")))
                .sum();
        assertThat(polled).isEqualTo(20);
        assertThat(text.lines().filter(l -> l.contains("checkpoint ")).allMatch(l -> l.contains("lag 0  ")))
                .isTrue();

        // the same counters reach GET /metrics, per mapping and shard
        String metrics = RawHttp.send(server, "GET", "/metrics", null).body();
        double polledInMetrics = metrics.lines()
                .filter(l -> l.startsWith("eddy_lambda_polled_events_total{") && l.contains("uuid=\"" + uuid + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
        assertThat(polledInMetrics).isEqualTo(20.0);
        assertThat(metrics)
                .contains("eddy_lambda_mapping_lag_records{function_name=\"" + fn + "\",uuid=\"" + uuid + "\"} 0.0");
    }

    @Test
    void anUnknownMappingAndAMissingServerAreReported() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(
                out,
                err,
                "mappings",
                "--endpoint",
                server.endpoint().toString(),
                "--drain",
                "--uuid",
                "00000000-0000-0000-0000-000000000000");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("eddy mappings: The resource you requested does not exist.\n");

        StringWriter none = new StringWriter();
        int missing = run(new StringWriter(), none, "mappings", "--endpoint", "http://127.0.0.1:1");
        assertThat(missing).isEqualTo(2);
        assertThat(none.toString()).startsWith("eddy mappings: no server at http://127.0.0.1:1");
    }
}
