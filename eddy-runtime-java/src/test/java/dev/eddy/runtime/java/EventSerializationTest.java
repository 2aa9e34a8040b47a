package dev.eddy.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.eddy.function.EnvironmentSpec;
import dev.eddy.function.FunctionRuntime;
import dev.eddy.function.Invocation;
import dev.eddy.function.InvocationOutcome;
import dev.eddy.function.LogSink;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every execution environment deserialises AWS events completely, however many environments of
 * however many functions the JVM runs: the serialization library's static caches are per
 * environment. A stopped environment leaves none of its class loaders behind.
 */
class EventSerializationTest {
    private static final List<URL> CODE = List.of(
            EventSerializationTest.class.getProtectionDomain().getCodeSource().getLocation(),
            DynamodbEvent.class.getProtectionDomain().getCodeSource().getLocation(),
            // a dependency of the events library, which the event serializers require
            org.joda.time.DateTime.class.getProtectionDomain().getCodeSource().getLocation());
    private static final LogSink NO_LOG = (b, off, len) -> {};
    private static final LambdaApiClassLoader API =
            new LambdaApiClassLoader(EventSerializationTest.class.getClassLoader());
    private static final SerializationLibrary LIBRARY = SerializationLibrary.ofEddy();

    static final String STREAM_EVENT = "{\"Records\":[{\"eventID\":\"0123456789abcdef0123456789abcdef\","
            + "\"eventName\":\"INSERT\",\"eventVersion\":\"1.1\",\"eventSource\":\"aws:dynamodb\","
            + "\"awsRegion\":\"us-east-1\",\"dynamodb\":{\"ApproximateCreationDateTime\":1796260575.0,"
            + "\"Keys\":{\"id\":{\"S\":\"a\"}},\"NewImage\":{\"id\":{\"S\":\"a\"},\"n\":{\"N\":\"1.5\"}},"
            + "\"SequenceNumber\":\"100001796260575318001\",\"SizeBytes\":10,"
            + "\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},\"eventSourceARN\":\"arn:stream\"}]}";
    static final String STREAM_FACTS =
            "INSERT arn:stream 1796260575000 {id={S: a,}} 1.5 100001796260575318001 NEW_AND_OLD_IMAGES";
    static final String QUEUE_EVENT = "{\"Records\":[{\"messageId\":\"m-1\",\"receiptHandle\":\"rh\","
            + "\"body\":\"hello\",\"attributes\":{\"ApproximateReceiveCount\":\"3\"},"
            + "\"messageAttributes\":{\"color\":{\"stringValue\":\"blue\",\"dataType\":\"String\"}},"
            + "\"md5OfBody\":\"5d41402abc4b2a76b9719d911017c592\",\"eventSource\":\"aws:sqs\","
            + "\"eventSourceARN\":\"arn:aws:sqs:us-east-1:000000000000:q\",\"awsRegion\":\"us-east-1\"}]}";
    static final String QUEUE_FACTS = "m-1 arn:aws:sqs:us-east-1:000000000000:q hello 3 blue";

    @AfterAll
    static void closeLibrary() {
        LIBRARY.close();
    }

    private static JavaEnvironment start(String function, String handler) throws Exception {
        EnvironmentSpec spec = new EnvironmentSpec(
                function,
                "arn:aws:lambda:us-east-1:000000000000:function:" + function,
                "$LATEST",
                "java21",
                handler,
                128,
                30,
                "/aws/lambda/" + function,
                "stream",
                Map.of(),
                new JavaCode("sha-" + function, null, CODE));
        try {
            return JavaEnvironment.start(spec, API, LIBRARY, NO_LOG, 10_000);
        } catch (FunctionRuntime.InitException e) {
            throw new AssertionError(handler + ": " + new String(e.payload(), StandardCharsets.UTF_8), e);
        }
    }

    private static String invoke(JavaEnvironment env, String event) {
        InstantSource clock = InstantSource.system();
        InvocationOutcome outcome = env.invoke(
                new Invocation(
                        "req",
                        "arn",
                        event.getBytes(StandardCharsets.UTF_8),
                        clock.instant().plus(Duration.ofSeconds(30)),
                        clock,
                        null),
                NO_LOG);
        return switch (outcome) {
            case InvocationOutcome.Success s -> new String(s.payload(), StandardCharsets.UTF_8);
            case InvocationOutcome.Failure f -> "failed: " + new String(f.payload(), StandardCharsets.UTF_8);
            case InvocationOutcome.TimedOut t -> "timed out";
        };
    }

    @Test
    void concurrentEnvironmentsEachDeserialiseTheWholeDynamodbEvent() throws Exception {
        assertEveryEnvironmentReads("fixture.StreamRecordFacts", STREAM_EVENT, "\"" + STREAM_FACTS + "\"");
    }

    @Test
    void concurrentEnvironmentsEachDeserialiseTheWholeSqsEvent() throws Exception {
        assertEveryEnvironmentReads("fixture.QueueMessageFacts", QUEUE_EVENT, "\"" + QUEUE_FACTS + "\"");
    }

    /** Four environments (two functions, two each), each invoked five times from its own thread. */
    private static void assertEveryEnvironmentReads(String handler, String event, String expected) throws Exception {
        List<JavaEnvironment> envs = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            for (String function : List.of("f1", "f1", "f2", "f2")) {
                envs.add(start(function + handler, handler));
            }
            List<Future<String>> answers = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (JavaEnvironment env : envs) {
                    answers.add(callers.submit(() -> invoke(env, event)));
                }
            }
            for (Future<String> answer : answers) {
                assertThat(answer.get()).isEqualTo(expected);
            }
        } finally {
            callers.shutdownNow();
            envs.forEach(JavaEnvironment::close);
        }
    }

    @Test
    void aStoppedEnvironmentLeavesNoClassLoaderBehind() throws Exception {
        List<WeakReference<ClassLoader>> loaders = runAndStop("fixture.StreamRecordFacts", STREAM_EVENT);
        loaders.addAll(runAndStop("fixture.QueueMessageFacts", QUEUE_EVENT));
        // the handler loaders and the copies of the serialization library
        assertThat(loaders).hasSize(4);

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    System.gc();
                    return loaders.stream().allMatch(l -> l.get() == null);
                });
    }

    private static List<WeakReference<ClassLoader>> runAndStop(String handler, String event) throws Exception {
        List<WeakReference<ClassLoader>> refs = new ArrayList<>();
        try (JavaEnvironment env = start("leak" + handler, handler)) {
            assertThat(invoke(env, event)).startsWith("\"");
            env.loaders().forEach(l -> refs.add(new WeakReference<>(l)));
        }
        return refs;
    }
}
