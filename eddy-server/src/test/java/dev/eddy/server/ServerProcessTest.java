package dev.eddy.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestTables;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code eddy serve} as a real process: its start line, SIGKILL and SIGTERM. */
class ServerProcessTest {
    private static final Pattern LISTENING = Pattern.compile("eddy listening on (http://\\S+), data in (.+)");

    @TempDir
    Path dir;

    record Running(Process process, URI endpoint, String line) {}

    Running start(String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.eddy.server.Main",
                "serve",
                "--port",
                "0",
                "--data",
                dir.resolve("data").toString()));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("start line").isNotNull();
        Matcher m = LISTENING.matcher(line);
        assertThat(m.matches()).as(line).isTrue();
        assertThat(m.group(2)).isEqualTo(dir.resolve("data").toString());
        return new Running(p, URI.create(m.group(1)), line);
    }

    static void write(DynamoDbClient ddb, String table, int from, int to) {
        for (int i = from; i < to; i++) {
            int n = i;
            ddb.putItem(b -> b.tableName(table)
                    .item(Map.of("id", AttributeValue.fromS("k" + n), "v", AttributeValue.fromN(Integer.toString(n)))));
        }
    }

    static void assertAll(DynamoDbClient ddb, String table, int count) {
        for (int i = 0; i < count; i++) {
            int n = i;
            Map<String, AttributeValue> item = ddb.getItem(
                            b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS("k" + n))))
                    .item();
            assertThat(item).as("item k" + n).containsEntry("v", AttributeValue.fromN(Integer.toString(n)));
        }
    }

    @Test
    void acknowledgedWritesSurviveSigkill() throws Exception {
        Running first = start();
        String table = "killed";
        try (DynamoDbClient ddb = EddyClients.dynamo(first.endpoint())) {
            ddb.createTable(TestTables.hashTable(table).build());
            write(ddb, table, 0, 300);
        }
        first.process().destroyForcibly();
        assertThat(first.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(first.process().exitValue()).isEqualTo(137);

        Running second = start();
        try (DynamoDbClient ddb = EddyClients.dynamo(second.endpoint())) {
            assertAll(ddb, table, 300);
            assertThat(ddb.describeTable(b -> b.tableName(table)).table().itemCount())
                    .isEqualTo(300);
        } finally {
            second.process().destroy();
            second.process().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void sigtermShutsDownCleanlyAndFlushes() throws Exception {
        // without a write-ahead log only the flush on shutdown keeps the data
        Running first = start("--durability", "NONE");
        String table = "termed";
        try (DynamoDbClient ddb = EddyClients.dynamo(first.endpoint())) {
            ddb.createTable(TestTables.hashTable(table).build());
            write(ddb, table, 0, 100);
        }
        first.process().destroy();
        assertThat(first.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(first.process().exitValue()).isIn(0, 143);

        Running second = start();
        try (DynamoDbClient ddb = EddyClients.dynamo(second.endpoint())) {
            assertAll(ddb, table, 100);
        } finally {
            second.process().destroy();
            second.process().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
