package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.function.FunctionLogs;
import dev.eddy.function.FunctionServiceConfig;
import dev.eddy.server.EddyServer;
import dev.eddy.server.ServerConfig;
import dev.eddy.store.MemoryStore;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Asynchronous invocations deliver what AWS delivers, read back with the SQS client: the invocation
 * record on OnSuccess and, after the retries, on OnFailure; the event itself with RequestID,
 * ErrorCode and ErrorMessage on a dead-letter queue; an event still queued when the server stops is
 * retried and delivered after the restart. Retry delays are shortened through the server's
 * configuration.
 */
class AsyncDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";
    private static final FunctionServiceConfig.AsyncPolicy FAST = new FunctionServiceConfig.AsyncPolicy(
            List.of(Duration.ofMillis(200), Duration.ofMillis(400)), Duration.ofMillis(50), Duration.ofMillis(500));

    private static EddyServer server;
    private static LambdaClient lambda;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        server = EddyServer.start(ServerConfig.inMemoryOnRandomPort()
                .withFunctions(FunctionServiceConfig.defaults().withAsync(FAST)));
        lambda = Lambdas.client(server);
        sqs = EddyClients.sqs(server.endpoint());
    }

    @AfterAll
    static void stop() {
        lambda.close();
        sqs.close();
        server.close();
    }

    /** A new queue: its URL and ARN. */
    private record Queue(String url, String arn) {}

    private static Queue queue(SqsClient client) {
        String url =
                client.createQueue(b -> b.queueName(TestNames.unique("async"))).queueUrl();
        String arn = client.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings()
                .get("QueueArn");
        return new Queue(url, arn);
    }

    /** Waits (long polling) for the one message the queue gets. */
    private static Message receiveOne(SqsClient client, Queue q) {
        List<Message> got = client.receiveMessage(
                        b -> b.queueUrl(q.url()).waitTimeSeconds(20).messageAttributeNames("All"))
                .messages();
        assertThat(got).hasSize(1);
        return got.get(0);
    }

    private static String invokeEvent(LambdaClient client, String fn, String payload) {
        var r = client.invoke(
                b -> b.functionName(fn).invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String(payload)));
        assertThat(r.statusCode()).isEqualTo(202);
        return r.responseMetadata().requestId();
    }

    private static long starts(EddyServer s, String fn, String requestId) {
        return s.functions().logs().read(fn, 0, 1000).events().stream()
                .map(FunctionLogs.LogEvent::message)
                .filter(m -> m.startsWith("START RequestId: " + requestId))
                .count();
    }

    @Test
    void aSuccessfulEventSendsItsRecordToOnSuccess() throws Exception {
        String fn = TestNames.unique("ok");
        Lambdas.deploy(lambda, fn, "handlers", "example.Echo");
        Queue ok = queue(sqs);
        lambda.putFunctionEventInvokeConfig(b ->
                b.functionName(fn).destinationConfig(d -> d.onSuccess(s -> s.destination(ok.arn()))));

        String id = invokeEvent(lambda, fn, "{\"n\":1}");

        JsonNode record = JSON.readTree(receiveOne(sqs, ok).body());
        assertThat(record.get("version").asText()).isEqualTo("1.0");
        assertThat(record.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(record.get("requestContext"))
                .isEqualTo(JSON.readTree("{\"requestId\":\"" + id + "\",\"functionArn\":\"" + ARN + fn
                        + ":$LATEST\",\"condition\":\"Success\",\"approximateInvokeCount\":1}"));
        assertThat(record.get("requestPayload")).isEqualTo(JSON.readTree("{\"n\":1}"));
        assertThat(record.get("responseContext"))
                .isEqualTo(JSON.readTree("{\"statusCode\":200,\"executedVersion\":\"$LATEST\"}"));
        assertThat(record.get("responsePayload")).isEqualTo(JSON.readTree("{\"n\":1}"));
    }

    @Test
    void anEventInvokedThroughAnAliasFollowsTheAliasConfigurationNotLatests() throws Exception {
        String fn = TestNames.unique("aliased");
        Lambdas.deploy(lambda, fn, "handlers", "example.Echo");
        lambda.publishVersion(b -> b.functionName(fn));
        lambda.createAlias(b -> b.functionName(fn).name("live").functionVersion("1"));
        Queue forAlias = queue(sqs);
        Queue forLatest = queue(sqs);
        lambda.putFunctionEventInvokeConfig(b -> b.functionName(fn)
                .qualifier("live")
                .destinationConfig(d -> d.onSuccess(s -> s.destination(forAlias.arn()))));
        lambda.putFunctionEventInvokeConfig(b ->
                b.functionName(fn).destinationConfig(d -> d.onSuccess(s -> s.destination(forLatest.arn()))));

        String viaAlias = invokeEvent(lambda, fn + ":live", "{\"via\":\"alias\"}");
        String viaLatest = invokeEvent(lambda, fn, "{\"via\":\"latest\"}");

        JsonNode aliasRecord = JSON.readTree(receiveOne(sqs, forAlias).body());
        assertThat(aliasRecord.at("/requestContext/requestId").asText()).isEqualTo(viaAlias);
        assertThat(aliasRecord.at("/requestContext/functionArn").asText()).isEqualTo(ARN + fn + ":live");
        assertThat(aliasRecord.at("/responseContext/executedVersion").asText()).isEqualTo("1");
        JsonNode latestRecord = JSON.readTree(receiveOne(sqs, forLatest).body());
        assertThat(latestRecord.at("/requestContext/requestId").asText()).isEqualTo(viaLatest);
    }

    @Test
    void aFailingEventIsTriedThreeTimesThenItsRecordGoesToOnFailure() throws Exception {
        String fn = TestNames.unique("boom");
        Lambdas.deploy(lambda, fn, "handlers", "example.Boom");
        Queue failed = queue(sqs);
        lambda.putFunctionEventInvokeConfig(b ->
                b.functionName(fn).destinationConfig(d -> d.onFailure(f -> f.destination(failed.arn()))));

        String id = invokeEvent(lambda, fn, "{\"reason\":\"bad order\"}");

        JsonNode record = JSON.readTree(receiveOne(sqs, failed).body());
        assertThat(record.get("requestContext"))
                .isEqualTo(JSON.readTree("{\"requestId\":\"" + id + "\",\"functionArn\":\"" + ARN + fn
                        + ":$LATEST\",\"condition\":\"RetriesExhausted\",\"approximateInvokeCount\":3}"));
        assertThat(record.get("requestPayload")).isEqualTo(JSON.readTree("{\"reason\":\"bad order\"}"));
        assertThat(record.get("responseContext"))
                .isEqualTo(JSON.readTree(
                        "{\"statusCode\":200,\"executedVersion\":\"$LATEST\",\"functionError\":\"Unhandled\"}"));
        assertThat(record.get("responsePayload").get("errorMessage").asText()).isEqualTo("boom: bad order");
        assertThat(record.get("responsePayload").get("errorType").asText())
                .isEqualTo("java.lang.IllegalStateException");
        assertThat(starts(server, fn, id)).isEqualTo(3);
    }

    @Test
    void withoutOnFailureTheEventGoesToTheDeadLetterQueue() {
        String fn = TestNames.unique("dlq");
        Queue dlq = queue(sqs);
        Lambdas.deploy(lambda, fn, "handlers", "example.Boom", b -> b.deadLetterConfig(d -> d.targetArn(dlq.arn())));
        lambda.putFunctionEventInvokeConfig(b -> b.functionName(fn).maximumRetryAttempts(0));

        String id = invokeEvent(lambda, fn, "{\"reason\":\"no stock\"}");

        Message m = receiveOne(sqs, dlq);
        assertThat(m.body()).isEqualTo("{\"reason\":\"no stock\"}");
        assertThat(m.messageAttributes())
                .isEqualTo(Map.of(
                        "RequestID", string("String", id),
                        "ErrorCode", string("Number", "200"),
                        "ErrorMessage", string("String", "boom: no stock")));
        assertThat(starts(server, fn, id)).isEqualTo(1);
    }

    private static MessageAttributeValue string(String type, String value) {
        return MessageAttributeValue.builder().dataType(type).stringValue(value).build();
    }

    @Test
    void anEventQueuedWhenTheServerStopsIsDeliveredAfterTheRestart(@TempDir Path data) throws Exception {
        // the retry waits long enough for the server to stop before it comes due
        FunctionServiceConfig slow = FunctionServiceConfig.defaults()
                .withAsync(new FunctionServiceConfig.AsyncPolicy(
                        List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)),
                        Duration.ofMillis(50),
                        Duration.ofMillis(500)));
        ServerConfig config = ServerConfig.onDisk(data).withFunctions(slow);
        String fn = TestNames.unique("durable");
        String id;
        Queue failed;
        try (EddyServer first = EddyServer.start(config);
                LambdaClient l = Lambdas.client(first);
                SqsClient q = EddyClients.sqs(first.endpoint())) {
            Assumptions.assumeFalse(first.store() instanceof MemoryStore, "no durable store for a data directory");
            Lambdas.deploy(l, fn, "handlers", "example.Boom");
            failed = queue(q);
            l.putFunctionEventInvokeConfig(b -> b.functionName(fn)
                    .maximumRetryAttempts(1)
                    .destinationConfig(d -> d.onFailure(f -> f.destination(failed.arn()))));
            id = invokeEvent(l, fn, "{\"reason\":\"restart\"}");
            // the first attempt ran and its retry is stored (and scheduled) before the server stops
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> starts(first, fn, id) == 1
                            && first.functions().invoker().asyncAttemptsWaiting() == 1);
        }
        try (EddyServer second = EddyServer.start(config);
                SqsClient q = EddyClients.sqs(second.endpoint())) {
            Queue again = new Queue(
                    q.getQueueUrl(b -> b.queueName(
                                    failed.url().substring(failed.url().lastIndexOf('/') + 1)))
                            .queueUrl(),
                    failed.arn());
            JsonNode record = JSON.readTree(receiveOne(q, again).body());
            assertThat(record.get("requestContext").get("requestId").asText()).isEqualTo(id);
            assertThat(record.get("requestContext")
                            .get("approximateInvokeCount")
                            .asInt())
                    .isEqualTo(2);
            assertThat(starts(second, fn, id)).isEqualTo(1);
            assertThat(q.listQueues().queueUrls()).containsExactly(again.url());
        }
    }
}
