package dev.eddy.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.MemoryStore;
import dev.eddy.store.Transaction;
import dev.eddy.testing.ScriptedRuntime;
import dev.eddy.testkit.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The durable queue of asynchronous invocations on a manual clock and a scripted runtime: retries
 * per the event invoke configuration, event age, throttles, the records sent to destinations and
 * dead-letter queues, events that outlive the service.
 */
class AsyncInvocationsTest {
    private static final Instant START = Instant.parse("2031-05-06T07:08:09Z");
    private static final Arn.Queue SUCCESS = new Arn.Queue("us-east-1", "000000000000", "ok");
    private static final Arn.Queue FAILURE = new Arn.Queue("us-east-1", "000000000000", "failed");
    private static final Arn.Queue DLQ = new Arn.Queue("us-east-1", "000000000000", "dlq");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] ERROR =
            "{\"errorMessage\":\"no luck\",\"errorType\":\"java.lang.IllegalStateException\"}"
                    .getBytes(StandardCharsets.UTF_8);

    private final ManualClock clock = new ManualClock(START);
    private final ScriptedRuntime runtime = new ScriptedRuntime();
    private final MemoryStore store = new MemoryStore();
    private final Queues queues = new Queues();
    private final List<Instant> attempts = new CopyOnWriteArrayList<>();
    private FunctionService service = open();

    /** Queues that record what was sent once the sending transaction committed. */
    static final class Queues implements AsyncDestinations {
        final Set<Arn.Queue> existing = ConcurrentHashMap.newKeySet();
        final List<Sent> sent = new CopyOnWriteArrayList<>();

        record Sent(Arn.Queue queue, Message message) {}

        Queues() {
            existing.addAll(List.of(SUCCESS, FAILURE, DLQ));
        }

        @Override
        public boolean queueExists(Arn.Queue queue) {
            return existing.contains(queue);
        }

        @Override
        public void send(Transaction tx, Arn.Queue queue, Message message) {
            if (!existing.contains(queue)) {
                throw new EddyException(ErrorCode.SQS_QUEUE_DOES_NOT_EXIST, "gone");
            }
            tx.afterCompletion(committed -> {
                if (committed) {
                    sent.add(new Sent(queue, message));
                }
            });
        }
    }

    private FunctionService open() {
        return new FunctionService(
                store,
                FunctionServiceConfig.defaults().withClock(clock),
                List.of(runtime),
                () -> null,
                queues,
                InvocationListener.NONE);
    }

    @AfterEach
    void close() {
        service.close();
    }

    private void failing() {
        runtime.answer((inv, log) -> {
            attempts.add(clock.instant());
            return new InvocationOutcome.Failure(ERROR, false);
        });
    }

    private void deploy(String deadLetterTarget) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            z.putNextEntry(new ZipEntry("a.txt"));
            z.write(1);
        }
        service.create(new CreateFunction(
                "f",
                "fake",
                "arn:aws:iam::000000000000:role/r",
                "h",
                null,
                null,
                null,
                Map.of(),
                bytes.toByteArray(),
                null,
                null,
                null,
                deadLetterTarget));
        Awaitility.await()
                .atMost(10, TimeUnit.SECONDS)
                .until(() -> service.get("f", null).state() == FunctionConfig.State.Active);
    }

    private String invokeAsync(String payload) {
        InvocationResult r = service.invoke(new InvokeRequest(
                "f", null, InvocationType.Event, payload.getBytes(StandardCharsets.UTF_8), false, null));
        assertThat(r).isInstanceOf(InvocationResult.Accepted.class);
        return ((InvocationResult.Accepted) r).requestId();
    }

    private AsyncRetries retries() {
        return service.invoker().retries();
    }

    private void awaitAttempts(int n, int waiting) {
        Awaitility.await()
                .atMost(10, TimeUnit.SECONDS)
                .until(() -> attempts.size() == n && retries().waiting() == waiting);
    }

    private void at(Duration sinceStart) {
        clock.set(START.plus(sinceStart));
        retries().runOnce(clock.instant());
    }

    private Queues.Sent awaitSent() {
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> !queues.sent.isEmpty());
        assertThat(queues.sent).hasSize(1);
        return queues.sent.get(0);
    }

    private static JsonNode json(String s) throws IOException {
        return JSON.readTree(s);
    }

    @Test
    void aFailingEventIsRetriedTwiceThenItsRecordGoesToOnFailure() throws Exception {
        failing();
        deploy(null);
        service.eventInvokeConfigs().put("f", null, new EventInvokeConfigRequest(null, null, null, FAILURE.toString()));
        String id = invokeAsync("{\"order\":7}");
        awaitAttempts(1, 1);
        at(Duration.ofSeconds(60));
        awaitAttempts(2, 1);
        at(Duration.ofSeconds(180));

        Queues.Sent sent = awaitSent();
        assertThat(sent.queue()).isEqualTo(FAILURE);
        JsonNode record = json(sent.message().body());
        assertThat(record.get("version").asText()).isEqualTo("1.0");
        assertThat(record.get("timestamp").asText()).isEqualTo("2031-05-06T07:11:09.000Z");
        assertThat(record.get("requestContext"))
                .isEqualTo(json("{\"requestId\":\"" + id + "\",\"functionArn\":"
                        + "\"arn:aws:lambda:us-east-1:000000000000:function:f:$LATEST\","
                        + "\"condition\":\"RetriesExhausted\",\"approximateInvokeCount\":3}"));
        assertThat(record.get("requestPayload")).isEqualTo(json("{\"order\":7}"));
        assertThat(record.get("responseContext"))
                .isEqualTo(
                        json("{\"statusCode\":200,\"executedVersion\":\"$LATEST\",\"functionError\":\"Unhandled\"}"));
        assertThat(record.get("responsePayload")).isEqualTo(json(new String(ERROR, StandardCharsets.UTF_8)));
        assertThat(attempts).containsExactly(START, START.plusSeconds(60), START.plusSeconds(180));
        assertThat(runtime.invocations()).extracting(Invocation::requestId).containsOnly(id);
        assertThat(retries().waiting()).isZero();
        try (var view = store.snapshot()) {
            assertThat(AsyncRecords.scanEvents(view, null, 10)).isEmpty();
        }
    }

    @Test
    void aSuccessfulEventSendsItsRecordToOnSuccessWithoutFunctionError() throws Exception {
        runtime.answer((inv, log) -> new InvocationOutcome.Success("\"done\"".getBytes(StandardCharsets.UTF_8)));
        deploy(null);
        service.eventInvokeConfigs()
                .put("f", null, new EventInvokeConfigRequest(null, null, SUCCESS.toString(), FAILURE.toString()));
        String id = invokeAsync("[1,2]");

        Queues.Sent sent = awaitSent();
        assertThat(sent.queue()).isEqualTo(SUCCESS);
        JsonNode record = json(sent.message().body());
        assertThat(record.get("requestContext").get("requestId").asText()).isEqualTo(id);
        assertThat(record.get("requestContext").get("condition").asText()).isEqualTo("Success");
        assertThat(record.get("requestContext").get("approximateInvokeCount").asInt())
                .isEqualTo(1);
        assertThat(record.get("requestPayload")).isEqualTo(json("[1,2]"));
        assertThat(record.get("responseContext"))
                .isEqualTo(json("{\"statusCode\":200,\"executedVersion\":\"$LATEST\"}"));
        assertThat(record.get("responsePayload").asText()).isEqualTo("done");
    }

    @Test
    void noRetriesMeansOneAttempt() throws Exception {
        failing();
        deploy(null);
        service.eventInvokeConfigs().put("f", null, new EventInvokeConfigRequest(0, null, null, FAILURE.toString()));
        invokeAsync("{}");

        Queues.Sent sent = awaitSent();
        assertThat(json(sent.message().body())
                        .get("requestContext")
                        .get("approximateInvokeCount")
                        .asInt())
                .isEqualTo(1);
        assertThat(attempts).hasSize(1);
    }

    @Test
    void aRetryBeyondTheMaximumEventAgeGivesUpWithEventAgeExceeded() throws Exception {
        failing();
        deploy(null);
        service.eventInvokeConfigs().put("f", null, new EventInvokeConfigRequest(null, 90, null, FAILURE.toString()));
        invokeAsync("{}");
        awaitAttempts(1, 1);
        at(Duration.ofSeconds(60));

        Queues.Sent sent = awaitSent();
        JsonNode context = json(sent.message().body()).get("requestContext");
        assertThat(context.get("condition").asText()).isEqualTo("EventAgeExceeded");
        assertThat(context.get("approximateInvokeCount").asInt()).isEqualTo(2);
        assertThat(attempts).containsExactly(START, START.plusSeconds(60));
    }

    @Test
    void withoutOnFailureTheEventGoesToTheDeadLetterQueueAsItWasSent() throws Exception {
        failing();
        deploy(DLQ.toString());
        service.eventInvokeConfigs().put("f", null, new EventInvokeConfigRequest(0, null, null, null));
        String id = invokeAsync("{\"a\":\"b\"}");

        Queues.Sent sent = awaitSent();
        assertThat(sent.queue()).isEqualTo(DLQ);
        assertThat(sent.message().body()).isEqualTo("{\"a\":\"b\"}");
        assertThat(sent.message().attributes())
                .isEqualTo(Map.of(
                        "RequestID", new AsyncDestinations.Attribute("String", id),
                        "ErrorCode", new AsyncDestinations.Attribute("Number", "200"),
                        "ErrorMessage", new AsyncDestinations.Attribute("String", "no luck")));
    }

    @Test
    void aFailureGoesToOnFailureAndToTheDeadLetterQueueWhenBothAreSet() throws Exception {
        failing();
        deploy(DLQ.toString());
        service.eventInvokeConfigs().put("f", null, new EventInvokeConfigRequest(0, null, null, FAILURE.toString()));
        String id = invokeAsync("{}");

        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> queues.sent.size() == 2);
        assertThat(queues.sent).extracting(Queues.Sent::queue).containsExactlyInAnyOrder(FAILURE, DLQ);
        assertThat(queues.sent)
                .filteredOn(sent -> sent.queue().equals(DLQ))
                .singleElement()
                .satisfies(sent -> assertThat(sent.message().body()).isEqualTo("{}"));
        assertThat(queues.sent)
                .filteredOn(sent -> sent.queue().equals(FAILURE))
                .singleElement()
                .satisfies(sent -> assertThat(json(sent.message().body())
                                .get("requestContext")
                                .get("requestId")
                                .asText())
                        .isEqualTo(id));
    }

    @Test
    void throttledEventsWaitWithoutUsingUpAnAttempt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        runtime.answerNext((inv, log) -> {
            release.await();
            return new InvocationOutcome.Success("1".getBytes(StandardCharsets.UTF_8));
        });
        deploy(null);
        service.putConcurrency("f", 1);
        service.eventInvokeConfigs().put("f", null, new EventInvokeConfigRequest(0, null, null, FAILURE.toString()));
        Thread busy =
                Thread.ofVirtual().start(() -> service.invoke(InvokeRequest.requestResponse("f", new byte[] {'1'})));
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> service.concurrentExecutions("f") == 1);
        failing();
        invokeAsync("{}");
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> retries().waiting() == 1);
        assertThat(attempts).isEmpty();

        release.countDown();
        busy.join();
        at(Duration.ofSeconds(1));

        Queues.Sent sent = awaitSent();
        assertThat(json(sent.message().body())
                        .get("requestContext")
                        .get("approximateInvokeCount")
                        .asInt())
                .isEqualTo(1);
        assertThat(attempts).containsExactly(START.plusSeconds(1));
    }

    @Test
    void queuedEventsOutliveTheServiceAndRunAfterTheNextStart() throws Exception {
        failing();
        deploy(null);
        service.eventInvokeConfigs().put("f", null, new EventInvokeConfigRequest(1, null, null, FAILURE.toString()));
        String id = invokeAsync("{}");
        awaitAttempts(1, 1);
        service.close();

        service = open();
        Awaitility.await()
                .atMost(10, TimeUnit.SECONDS)
                .until(() -> service.get("f", null).state() == FunctionConfig.State.Active);
        assertThat(retries().waiting()).isEqualTo(1);
        at(Duration.ofSeconds(60));

        Queues.Sent sent = awaitSent();
        JsonNode context = json(sent.message().body()).get("requestContext");
        assertThat(context.get("requestId").asText()).isEqualTo(id);
        assertThat(context.get("approximateInvokeCount").asInt()).isEqualTo(2);
    }

    @Test
    void aDestinationThatWasDeletedDropsTheRecordAndTheEvent() throws Exception {
        failing();
        deploy(null);
        service.eventInvokeConfigs().put("f", null, new EventInvokeConfigRequest(0, null, null, FAILURE.toString()));
        queues.existing.remove(FAILURE);
        invokeAsync("{}");

        awaitAttempts(1, 0);
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> {
            try (var view = store.snapshot()) {
                return AsyncRecords.scanEvents(view, null, 10).isEmpty();
            }
        });
        assertThat(queues.sent).isEmpty();
    }

    @Test
    void configurationsAreCheckedMergedAndRemovedWithTheFunction() throws Exception {
        deploy(null);
        EventInvokeConfigs configs = service.eventInvokeConfigs();
        assertThatThrownBy(() -> configs.put("f", null, new EventInvokeConfigRequest(null, null, null, null)))
                .hasMessage("You must specify at least one of error handling or destination setting.");
        assertThatThrownBy(() -> configs.put(
                        "f",
                        null,
                        new EventInvokeConfigRequest(null, null, "arn:aws:sqs:us-east-1:000000000000:nope", null)))
                .hasMessage("The destination ARN arn:aws:sqs:us-east-1:000000000000:nope is invalid.");
        assertThatThrownBy(() -> configs.put(
                        "f",
                        null,
                        new EventInvokeConfigRequest(
                                null, null, "arn:aws:lambda:us-east-1:000000000000:function:f", null)))
                .hasMessage("You can't specify the function as a destination for itself.");
        assertThatThrownBy(() -> configs.put(
                        "f",
                        null,
                        new EventInvokeConfigRequest(null, null, null, "arn:aws:sns:us-east-1:000000000000:t")))
                .isInstanceOfSatisfying(
                        EddyException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE))
                .hasMessageContaining("Amazon SNS destinations are not supported");
        assertThatThrownBy(() -> configs.update("f", null, new EventInvokeConfigRequest(1, null, null, null)))
                .hasMessage("The function arn:aws:lambda:us-east-1:000000000000:function:f:$LATEST doesn't have an "
                        + "EventInvokeConfig");

        configs.put("f", null, new EventInvokeConfigRequest(1, 120, SUCCESS.toString(), null));
        clock.advance(Duration.ofSeconds(5));
        EventInvokeConfig merged =
                configs.update("f", null, new EventInvokeConfigRequest(null, 300, "", FAILURE.toString()));
        assertThat(merged)
                .isEqualTo(new EventInvokeConfig(
                        "f",
                        "$LATEST",
                        1,
                        300,
                        null,
                        FAILURE.toString(),
                        START.plusSeconds(5).toEpochMilli()));
        EventInvokeConfig replaced = configs.put("f", null, new EventInvokeConfigRequest(null, 60, null, null));
        assertThat(replaced.maximumRetryAttempts()).isNull();
        assertThat(replaced.onFailure()).isNull();
        assertThat(configs.list("f")).containsExactly(replaced);

        service.delete("f", null);
        deploy(null);
        assertThat(configs.list("f")).isEmpty();
    }
}
