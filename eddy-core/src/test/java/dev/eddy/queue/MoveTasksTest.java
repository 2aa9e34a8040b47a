package dev.eddy.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.arn.Account;
import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.MemoryStore;
import dev.eddy.testkit.ManualClock;
import dev.eddy.work.BackgroundWork;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Message move tasks on the engine, with a clock the test moves and passes it runs itself. */
class MoveTasksTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));
    private final MemoryStore store = new MemoryStore();
    private final BackgroundWork work = BackgroundWork.singleNode(clock);
    private QueueEngine engine = new QueueEngine(store, clock, Account.DEFAULT, work, new LocalQueueSignal());

    @AfterEach
    void close() {
        engine.close();
        work.close();
        store.close();
    }

    private Arn.Queue sourceOf(String name, Arn.Queue dlq) {
        String policy = "{\"deadLetterTargetArn\":\"" + dlq + "\",\"maxReceiveCount\":1}";
        return engine.createQueue(name, Map.of("RedrivePolicy", policy), Map.of());
    }

    /** Sends {@code body} to {@code source} and receives it twice, so that it moves to the dead-letter queue. */
    private void deadLetter(Arn.Queue source, String body) {
        engine.send(source, OutgoingMessage.of(body));
        assertThat(engine.receiveNow(source, new ReceiveOptions(10, 0, 0))).isNotEmpty();
        engine.receiveNow(source, new ReceiveOptions(10, 0, 0));
    }

    private List<String> drain(Arn.Queue q) {
        List<String> bodies = new ArrayList<>();
        for (ReceivedMessage m : engine.receiveNow(q, new ReceiveOptions(10, null, 0))) {
            bodies.add(m.message().body());
            engine.deleteMessage(q, m.receiptHandle());
        }
        return bodies;
    }

    private MoveTask latest(Arn.Queue source) {
        return engine.moveTasks().list(source.toString(), null).getFirst();
    }

    private void pass() {
        engine.moveMessages(clock.instant());
    }

    @Test
    void withoutDestinationEachMessageGoesBackToItsOwnSourceAsNew() {
        Arn.Queue dlq = engine.createQueue("dlq", Map.of(), Map.of());
        Arn.Queue a = sourceOf("a", dlq);
        Arn.Queue b = sourceOf("b", dlq);
        deadLetter(a, "from-a");
        deadLetter(b, "from-b");
        String id = engine.receiveNow(dlq, new ReceiveOptions(10, 0, 0)).stream()
                .filter(m -> m.message().body().equals("from-a"))
                .findFirst()
                .orElseThrow()
                .message()
                .messageId();

        MoveTask started = engine.moveTasks().start(dlq.toString(), null, null);
        assertThat(started.status()).isEqualTo(MoveTask.Status.RUNNING);
        assertThat(started.toMove()).isEqualTo(2);
        assertThat(started.startedMillis()).isEqualTo(clock.millis());
        assertThat(new String(Base64.getDecoder().decode(started.handle())))
                .isEqualTo("{\"taskId\":\"" + started.taskId() + "\",\"sourceArn\":\"" + dlq + "\"}");
        pass();

        MoveTask done = latest(dlq);
        assertThat(done.status()).isEqualTo(MoveTask.Status.COMPLETED);
        assertThat(done.moved()).isEqualTo(2);
        assertThat(engine.receiveNow(dlq, new ReceiveOptions(10, null, 0))).isEmpty();
        ReceivedMessage back = engine.receiveNow(a, ReceiveOptions.one()).getFirst();
        assertThat(back.message().body()).isEqualTo("from-a");
        assertThat(back.message().messageId()).isEqualTo(id);
        // counted afresh: maxReceiveCount 1 lets it be received once more before it dead-letters again
        assertThat(back.message().receiveCount()).isEqualTo(1);
        assertThat(back.message().deadLetterSourceArn()).isNull();
        assertThat(drain(b)).containsExactly("from-b");
    }

    @Test
    void aRateMovesThatManyMessagesPerSecondOfTheClock() {
        Arn.Queue dlq = engine.createQueue("dlq", Map.of(), Map.of());
        sourceOf("src", dlq);
        Arn.Queue target = engine.createQueue("target", Map.of(), Map.of());
        for (int i = 0; i < 7; i++) {
            engine.send(dlq, OutgoingMessage.of("m" + i));
        }
        engine.moveTasks().start(dlq.toString(), target.toString(), 2);
        pass();
        assertThat(latest(dlq).moved()).isEqualTo(2);
        pass();
        assertThat(latest(dlq).moved()).isEqualTo(2);
        clock.advance(Duration.ofMillis(500));
        pass();
        assertThat(latest(dlq).moved()).isEqualTo(3);
        // a second's worth at most, however long the pause: 3 + 2
        clock.advance(Duration.ofSeconds(10));
        pass();
        assertThat(latest(dlq).moved()).isEqualTo(5);
        assertThat(latest(dlq).status()).isEqualTo(MoveTask.Status.RUNNING);
        clock.advance(Duration.ofSeconds(1));
        pass();
        assertThat(latest(dlq).status()).isEqualTo(MoveTask.Status.COMPLETED);
        assertThat(engine.attributes(target, List.of("ApproximateNumberOfMessages")))
                .containsEntry("ApproximateNumberOfMessages", "7");
    }

    @Test
    void aCancelledTaskStopsAndLeavesTheRestWhereItIs() {
        Arn.Queue dlq = engine.createQueue("dlq", Map.of(), Map.of());
        sourceOf("src", dlq);
        Arn.Queue target = engine.createQueue("target", Map.of(), Map.of());
        for (int i = 0; i < 4; i++) {
            engine.send(dlq, OutgoingMessage.of("m" + i));
        }
        MoveTask t = engine.moveTasks().start(dlq.toString(), target.toString(), 1);
        pass();
        assertThat(engine.moveTasks().cancel(t.handle())).isEqualTo(1);
        assertThat(latest(dlq).status()).isEqualTo(MoveTask.Status.CANCELLING);
        assertThatThrownBy(() -> engine.moveTasks().cancel(t.handle()))
                .hasMessageStartingWith("Only a task in the RUNNING status can be cancelled.");
        clock.advance(Duration.ofSeconds(5));
        pass();
        assertThat(latest(dlq).status()).isEqualTo(MoveTask.Status.CANCELLED);
        pass();
        assertThat(latest(dlq).moved()).isEqualTo(1);
        assertThat(drain(target)).hasSize(1);
        assertThat(drain(dlq)).hasSize(3);
        // the source is free again
        assertThat(engine.moveTasks()
                        .start(dlq.toString(), target.toString(), null)
                        .status())
                .isEqualTo(MoveTask.Status.RUNNING);
        assertThat(engine.moveTasks().list(dlq.toString(), 10))
                .extracting(MoveTask::status)
                .containsExactly(MoveTask.Status.RUNNING, MoveTask.Status.CANCELLED);
    }

    @Test
    void aRunningTaskContinuesAfterARestartFromItsStoredCount() {
        Arn.Queue dlq = engine.createQueue("dlq", Map.of(), Map.of());
        sourceOf("src", dlq);
        Arn.Queue target = engine.createQueue("target", Map.of(), Map.of());
        for (int i = 0; i < 3; i++) {
            engine.send(dlq, OutgoingMessage.of("m" + i));
        }
        engine.moveTasks().start(dlq.toString(), target.toString(), 1);
        pass();
        engine.close();
        engine = new QueueEngine(store, clock, Account.DEFAULT, work, new LocalQueueSignal());
        assertThat(latest(dlq).moved()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        pass();
        clock.advance(Duration.ofSeconds(1));
        pass();
        pass();
        assertThat(latest(dlq).status()).isEqualTo(MoveTask.Status.COMPLETED);
        assertThat(drain(target)).containsExactlyInAnyOrder("m0", "m1", "m2");
    }

    @Test
    void aDestinationDeletedWhileRunningFailsTheTaskAndKeepsTheMessages() {
        Arn.Queue dlq = engine.createQueue("dlq", Map.of(), Map.of());
        sourceOf("src", dlq);
        Arn.Queue target = engine.createQueue("target", Map.of(), Map.of());
        for (int i = 0; i < 3; i++) {
            engine.send(dlq, OutgoingMessage.of("m" + i));
        }
        engine.moveTasks().start(dlq.toString(), target.toString(), 1);
        pass();
        engine.deleteQueue(target);
        clock.advance(Duration.ofSeconds(1));
        pass();
        MoveTask failed = latest(dlq);
        assertThat(failed.status()).isEqualTo(MoveTask.Status.FAILED);
        assertThat(failed.failureReason()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        assertThat(failed.moved()).isEqualTo(1);
        assertThat(drain(dlq)).hasSize(2);
    }

    @Test
    void aMessageWithoutARecordedSourceFailsATaskWithoutDestination() {
        Arn.Queue dlq = engine.createQueue("dlq", Map.of(), Map.of());
        sourceOf("src", dlq);
        engine.send(dlq, OutgoingMessage.of("sent directly"));
        engine.moveTasks().start(dlq.toString(), null, null);
        pass();
        assertThat(latest(dlq).status()).isEqualTo(MoveTask.Status.FAILED);
        assertThat(drain(dlq)).containsExactly("sent directly");
    }

    @Test
    void startListAndCancelAreCheckedAsAwsChecksThem() {
        Arn.Queue dlq = engine.createQueue("dlq", Map.of(), Map.of());
        Arn.Queue plain = engine.createQueue("plain", Map.of(), Map.of());
        sourceOf("src", dlq);
        String missing = Account.DEFAULT.queue("missing").toString();
        MoveTasks tasks = engine.moveTasks();
        assertError(
                () -> tasks.start(plain.toString(), dlq.toString(), null),
                ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                "Source queue must be configured as a Dead Letter Queue.");
        assertError(
                () -> tasks.start(missing, null, null),
                ErrorCode.SQS_RESOURCE_NOT_FOUND,
                "The resource that you specified for the SourceArn parameter doesn't exist.");
        assertError(
                () -> tasks.start("not an arn", null, null),
                ErrorCode.SQS_RESOURCE_NOT_FOUND,
                "The resource that you specified for the SourceArn parameter doesn't exist.");
        assertError(
                () -> tasks.start(dlq.toString(), missing, null),
                ErrorCode.SQS_RESOURCE_NOT_FOUND,
                "The resource that you specified for the DestinationArn parameter doesn't exist.");
        assertError(
                () -> tasks.start(dlq.toString(), plain.toString(), 501),
                ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                "Value for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: You must enter a number"
                        + " that's between 1 and 500.");
        engine.send(dlq, OutgoingMessage.of("keep the task running"));
        MoveTask t = tasks.start(dlq.toString(), plain.toString(), 1);
        assertError(
                () -> tasks.start(dlq.toString(), plain.toString(), null),
                ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                "There is already a task running. Only one active task is allowed for a source queue arn at a"
                        + " given time.");
        assertError(
                () -> tasks.list(dlq.toString(), 11),
                ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                "Value 11 for parameter MaxResults is invalid. Reason: You must enter a number that's between 1"
                        + " and 10.");
        assertError(
                () -> tasks.cancel("foobared"),
                ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                "Value for parameter TaskHandle is invalid.");
        String unknownTask = MoveTaskHandle.render("10f57157-fc38-4da9-a113-4de7e12d05aa", dlq);
        assertError(() -> tasks.cancel(unknownTask), ErrorCode.SQS_RESOURCE_NOT_FOUND, "Task does not exist.");
        String unknownSource = MoveTaskHandle.render(t.taskId(), Account.DEFAULT.queue("missing"));
        assertError(
                () -> tasks.cancel(unknownSource),
                ErrorCode.SQS_RESOURCE_NOT_FOUND,
                "The resource that you specified for the SourceArn parameter doesn't exist.");
        assertThat(tasks.list(plain.toString(), 10)).isEmpty();
    }

    @Test
    void onlyTheTenMostRecentTasksOfASourceAreKept() {
        Arn.Queue dlq = engine.createQueue("dlq", Map.of(), Map.of());
        sourceOf("src", dlq);
        Arn.Queue target = engine.createQueue("target", Map.of(), Map.of());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(engine.moveTasks()
                    .start(dlq.toString(), target.toString(), null)
                    .taskId());
            pass();
        }
        assertThat(engine.moveTasks().list(dlq.toString(), 10))
                .extracting(MoveTask::taskId)
                .containsExactlyElementsOf(ids.reversed().subList(0, 10));
    }

    @Test
    void consumersOfTheDeadLetterQueueAndTheMoverNeverShareOrLoseAMessage() throws Exception {
        Arn.Queue dlq = engine.createQueue("dlq", Map.of(), Map.of());
        sourceOf("src", dlq);
        Arn.Queue target = engine.createQueue("target", Map.of(), Map.of());
        int n = 600;
        for (int i = 0; i < n; i++) {
            engine.send(dlq, OutgoingMessage.of("m" + i));
        }
        engine.moveTasks().start(dlq.toString(), target.toString(), null);
        Set<String> consumed = java.util.Collections.synchronizedSet(new HashSet<>());
        AtomicBoolean duplicate = new AtomicBoolean();
        AtomicBoolean moverDone = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<CompletableFuture<Void>> consumers = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                consumers.add(CompletableFuture.runAsync(
                        () -> {
                            while (!moverDone.get()) {
                                for (ReceivedMessage m : engine.receiveNow(dlq, new ReceiveOptions(10, 600, 0))) {
                                    duplicate.compareAndSet(
                                            false, !consumed.add(m.message().body()));
                                    engine.deleteMessage(dlq, m.receiptHandle());
                                }
                            }
                        },
                        pool));
            }
            CompletableFuture.runAsync(
                            () -> {
                                while (latest(dlq).status() == MoveTask.Status.RUNNING) {
                                    pass();
                                }
                                moverDone.set(true);
                            },
                            pool)
                    .get(30, TimeUnit.SECONDS);
            CompletableFuture.allOf(consumers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        consumed.addAll(drain(dlq)); // what neither took
        Set<String> moved = new HashSet<>();
        for (List<String> page = drain(target); !page.isEmpty(); page = drain(target)) {
            for (String body : page) {
                assertThat(moved.add(body)).as("moved twice: %s", body).isTrue();
            }
        }
        assertThat(duplicate).isFalse();
        assertThat(moved).doesNotContainAnyElementsOf(consumed);
        assertThat(moved.size() + consumed.size()).isEqualTo(n);
        assertThat(latest(dlq).moved()).isEqualTo(moved.size());
    }

    private static void assertError(Runnable call, ErrorCode code, String message) {
        assertThatThrownBy(call::run)
                .isInstanceOf(EddyException.class)
                .hasMessage(message)
                .extracting(e -> ((EddyException) e).code())
                .isEqualTo(code);
    }
}
