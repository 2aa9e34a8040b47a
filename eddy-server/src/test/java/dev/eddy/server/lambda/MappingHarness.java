package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.server.EddyServer;
import dev.eddy.server.EddyTestServer;
import dev.eddy.server.ServerConfig;
import dev.eddy.stream.StreamConfig;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import dev.eddy.testkit.TestTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A server for the black-box tests of mapping processing, with the probe handler ({@code
 * example.sdk.Probe}) deployed: it records every invocation in a table, so tests read back exactly
 * which batches were sent, in which order, with which fields. The server's clock runs with the
 * system's but can be moved forward ({@link #skip}) to age records.
 */
final class MappingHarness implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static MappingHarness shared;

    final EddyServer server;
    final DynamoDbClient ddb;
    final LambdaClient lambda;
    final SqsClient sqs;
    final String probeTable;
    final String probe;
    private final AtomicReference<Duration> offset;

    /** A table with its stream. */
    record Table(String name, String streamArn) {}

    /** An SQS queue. */
    record Queue(String url, String arn) {}

    /** One invocation of the probe, as it recorded itself. */
    record Invocation(String requestId, long startMicros, long endMicros, JsonNode event) {
        List<JsonNode> records() {
            List<JsonNode> out = new ArrayList<>();
            event.path("Records").forEach(out::add);
            return out;
        }

        List<String> ids() {
            return records().stream()
                    .map(r -> r.at("/dynamodb/Keys/id/S").asText())
                    .toList();
        }

        List<String> sequenceNumbers() {
            return records().stream()
                    .map(r -> r.at("/dynamodb/SequenceNumber").asText())
                    .toList();
        }

        boolean overlaps(Invocation o) {
            return startMicros < o.endMicros && o.startMicros < endMicros;
        }
    }

    private MappingHarness(EddyServer server, AtomicReference<Duration> offset, String probeTable, String probe) {
        this.server = server;
        this.offset = offset;
        this.ddb = EddyClients.dynamo(server.endpoint());
        this.lambda = Lambdas.client(server);
        this.sqs = EddyClients.sqs(server.endpoint());
        if (probeTable == null) {
            this.probeTable = TestNames.unique("probe");
            ddb.createTable(TestTables.hashTable(this.probeTable).build());
            this.probe = deployProbe(TestNames.unique("probe"));
        } else {
            this.probeTable = probeTable;
            this.probe = probe;
        }
    }

    /**
     * The in-memory one-shard server the test classes of plain processing share, started by the
     * first of them and closed when the test JVM exits: a server start and a probe's cold start
     * per class would cost more than the tests themselves. The classes keep apart through their
     * own tables, queues and mappings; its clock only ever moves forward.
     */
    static synchronized MappingHarness shared() {
        if (shared == null) {
            MappingHarness h = start(1);
            Runtime.getRuntime().addShutdownHook(new Thread(h::close, "mapping-harness-close"));
            shared = h;
        }
        return shared;
    }

    /** An in-memory server with {@code shards} shards per stream. */
    static MappingHarness start(int shards) {
        return start(EddyTestServer.config(), shards);
    }

    /** A server of {@code config} with {@code shards} shards per stream and a movable clock. */
    static MappingHarness start(ServerConfig config, int shards) {
        AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
        InstantSource clock = () -> Instant.now().plus(offset.get());
        StreamConfig streams = config.streams().withShardsPerTable(shards);
        return new MappingHarness(EddyServer.start(config.withStreams(streams).withClock(clock)), offset, null, null);
    }

    /** A server of {@code config} over the data of {@code before}, which was closed: same probe. */
    static MappingHarness reopen(ServerConfig config, MappingHarness before) {
        ServerConfig same = config.withStreams(before.server.config().streams())
                .withClock(before.server.config().clock());
        return new MappingHarness(EddyServer.start(same), before.offset, before.probeTable, before.probe);
    }

    /** Moves the server's clock forward by {@code d}. */
    void skip(Duration d) {
        offset.updateAndGet(o -> o.plus(d));
    }

    /** The server's time now. */
    Instant now() {
        return server.config().clock().instant();
    }

    /** Deploys another probe function (recording into the same table). */
    String deployProbe(String name) {
        Lambdas.deploy(
                lambda,
                name,
                "sdk-writer",
                "example.sdk.Probe",
                b -> b.timeout(30).memorySize(512).environment(e -> e.variables(Map.of("PROBE_TABLE", probeTable))));
        return name;
    }

    /** A new table with a NEW_AND_OLD_IMAGES stream. */
    Table table() {
        String name = TestNames.unique("esm");
        String arn = ddb.createTable(TestTables.hashTable(name)
                        .streamSpecification(
                                s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                        .build())
                .tableDescription()
                .latestStreamArn();
        return new Table(name, arn);
    }

    /** Puts {@code {id, attributes...}} (names and string values alternating). */
    void put(Table t, String id, String... attributes) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", AttributeValue.fromS(id));
        for (int i = 0; i < attributes.length; i += 2) {
            item.put(attributes[i], AttributeValue.fromS(attributes[i + 1]));
        }
        ddb.putItem(b -> b.tableName(t.name()).item(item));
    }

    /** Puts {@code item} as it is. */
    void put(Table t, Map<String, AttributeValue> item) {
        ddb.putItem(b -> b.tableName(t.name()).item(item));
    }

    /** The processing status of mapping {@code uuid} ({@code GET /eddy/v1/mappings}). */
    JsonNode status(String uuid) {
        HttpResponse<String> r = RawHttp.send(server, "GET", "/eddy/v1/mappings", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        for (JsonNode m : read(r.body()).get("Mappings")) {
            if (m.get("UUID").asText().equals(uuid)) {
                return m;
            }
        }
        throw new AssertionError("no status for mapping " + uuid + ": " + r.body());
    }

    /** Maps the probe to {@code t} from TRIM_HORIZON, with {@code more} settings; returns the UUID. */
    String map(Table t, Consumer<CreateEventSourceMappingRequest.Builder> more) {
        return map(probe, t, more);
    }

    String map(String function, Table t, Consumer<CreateEventSourceMappingRequest.Builder> more) {
        return lambda.createEventSourceMapping(b -> {
                    b.eventSourceArn(t.streamArn())
                            .functionName(function)
                            .startingPosition(EventSourcePosition.TRIM_HORIZON);
                    more.accept(b);
                })
                .uuid();
    }

    /** Waits until mapping {@code uuid} processed everything visible now; fails after 30 s. */
    void drain(String uuid) {
        assertThat(tryDrain(uuid, 30)).as("mapping %s drained", uuid).isTrue();
    }

    boolean tryDrain(String uuid, int seconds) {
        HttpResponse<String> r = RawHttp.send(
                server, "POST", "/eddy/v1/mappings/drain?TimeoutSeconds=" + seconds + "&UUID=" + uuid, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return read(r.body()).get("Drained").asBoolean();
    }

    /** The probe's invocations with records of (or a window event of) {@code t}, by start time. */
    List<Invocation> invocations(Table t) {
        List<Invocation> out = new ArrayList<>();
        ddb.scanPaginator(b -> b.tableName(probeTable)
                        .consistentRead(true)
                        .filterExpression("#s = :s")
                        .expressionAttributeNames(Map.of("#s", "stream"))
                        .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(t.streamArn()))))
                .items()
                .forEach(i -> out.add(new Invocation(
                        i.get("id").s(),
                        Long.parseLong(i.get("start").n()),
                        Long.parseLong(i.get("end").n()),
                        read(i.get("event").s()))));
        out.sort(Comparator.comparingLong(Invocation::startMicros));
        return out;
    }

    /** The ids of each invocation's records, in order. */
    List<List<String>> batches(Table t) {
        return invocations(t).stream().map(Invocation::ids).toList();
    }

    /** A new standard queue. */
    Queue queue() {
        String url =
                sqs.createQueue(b -> b.queueName(TestNames.unique("onfailure"))).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings()
                .get("QueueArn");
        return new Queue(url, arn);
    }

    /** Every message now in {@code q}, bodies parsed, received once (not deleted). */
    List<JsonNode> messages(Queue q) {
        List<JsonNode> out = new ArrayList<>();
        while (true) {
            List<Message> got = sqs.receiveMessage(
                            b -> b.queueUrl(q.url()).maxNumberOfMessages(10).visibilityTimeout(600))
                    .messages();
            if (got.isEmpty()) {
                return out;
            }
            got.forEach(m -> out.add(read(m.body())));
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        ddb.close();
        lambda.close();
        sqs.close();
        server.close();
    }
}
