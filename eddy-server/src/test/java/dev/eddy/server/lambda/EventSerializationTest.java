package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * AWS event handlers get the whole event in every execution environment: concurrent invocations
 * of two functions per handler run in several environments at once, and each one sees the fields
 * that only the event serializers' mixins fill in (a stream record's ApproximateCreationDateTime,
 * an SQS message's eventSourceARN).
 */
class EventSerializationTest extends InMemoryServerTest {
    private static final int CALLERS = 6;
    private static final int INVOCATIONS = 30;
    private static final String STREAM_EVENT = "{\"Records\":[{\"eventID\":\"0123456789abcdef0123456789abcdef\","
            + "\"eventName\":\"INSERT\",\"eventVersion\":\"1.1\",\"eventSource\":\"aws:dynamodb\","
            + "\"awsRegion\":\"us-east-1\",\"dynamodb\":{\"ApproximateCreationDateTime\":1796260575.0,"
            + "\"Keys\":{\"id\":{\"S\":\"a\"}},\"NewImage\":{\"id\":{\"S\":\"a\"}},"
            + "\"SequenceNumber\":\"100001796260575318001\",\"SizeBytes\":10,"
            + "\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},\"eventSourceARN\":\"arn\"}]}";
    private static final String QUEUE_EVENT =
            "{\"Records\":[" + message("m-1", "hello") + "," + message("m-2", "fail") + "]}";

    private static LambdaClient lambda;
    private static ExecutorService callers;

    @BeforeAll
    static void start() {
        lambda = Lambdas.client(server);
        callers = Executors.newFixedThreadPool(CALLERS);
    }

    @AfterAll
    static void stop() {
        callers.shutdownNow();
        lambda.close();
    }

    private static String message(String id, String body) {
        return "{\"messageId\":\"" + id + "\",\"receiptHandle\":\"rh-" + id + "\",\"body\":\"" + body + "\","
                + "\"attributes\":{\"ApproximateReceiveCount\":\"2\",\"SentTimestamp\":\"1700000000000\"},"
                + "\"messageAttributes\":{},\"md5OfBody\":\"0\",\"eventSource\":\"aws:sqs\","
                + "\"eventSourceARN\":\"arn:aws:sqs:us-east-1:000000000000:orders\",\"awsRegion\":\"us-east-1\"}";
    }

    @Test
    void dynamodbEventHandlersReadTheWholeStreamRecordInEveryEnvironment() throws Exception {
        List<String> logs = invokeConcurrently("example.StreamBatch", STREAM_EVENT, "{\"batchItemFailures\":[]}");

        assertThat(logs).allSatisfy(log -> assertThat(log).contains("INSERT {id={S: a,}} 1796260575000\n"));
        assertSeveralEnvironments(logs);
    }

    @Test
    void sqsEventHandlersReadTheWholeMessageInEveryEnvironment() throws Exception {
        List<String> logs = invokeConcurrently(
                "example.QueueBatch", QUEUE_EVENT, "{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"}]}");

        assertThat(logs)
                .allSatisfy(log -> assertThat(log)
                        .contains("m-1 from orders receive count 2\n", "m-2 from orders receive count 2\n"));
        assertSeveralEnvironments(logs);
    }

    /**
     * Deploys the handler as two functions and invokes them {@link #INVOCATIONS} times in all from
     * {@link #CALLERS} threads; every answer must be {@code expected}. Returns the log tails.
     */
    private static List<String> invokeConcurrently(String handler, String event, String expected) throws Exception {
        List<String> functions = List.of(TestNames.unique("events"), TestNames.unique("events"));
        for (String fn : functions) {
            Lambdas.deploy(lambda, fn, "handlers", handler);
        }
        List<Future<InvokeResponse>> calls = new ArrayList<>();
        for (int i = 0; i < INVOCATIONS; i++) {
            String fn = functions.get(i % functions.size());
            calls.add(callers.submit(() -> lambda.invoke(
                    b -> b.functionName(fn).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(event)))));
        }
        List<String> logs = new ArrayList<>();
        for (Future<InvokeResponse> call : calls) {
            InvokeResponse r = call.get();
            assertThat(r.functionError()).as(r.payload().asUtf8String()).isNull();
            assertThat(r.payload().asUtf8String()).isEqualTo(expected);
            logs.add(new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8));
        }
        return logs;
    }

    /** At least one cold start per function: the invocations did not all share one environment. */
    private static void assertSeveralEnvironments(List<String> logs) {
        assertThat(logs.stream()
                        .filter(log -> log.contains("\tInit Duration: "))
                        .count())
                .isGreaterThanOrEqualTo(2);
    }
}
