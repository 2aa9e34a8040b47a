package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.function.FunctionLogs;
import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LogType;

/** Invoke over HTTP with the SDK: handler shapes, serialisation, errors, logs. */
class InvokeTest extends InMemoryServerTest {
    private static LambdaClient lambda;

    @BeforeAll
    static void start() {
        lambda = Lambdas.client(server);
    }

    @AfterAll
    static void stop() {
        lambda.close();
    }

    private static InvokeResponse invoke(String fn, String json) {
        return lambda.invoke(b -> b.functionName(fn).payload(SdkBytes.fromUtf8String(json)));
    }

    @Test
    void requestHandlerEchoesItsInput() {
        String fn = TestNames.unique("echo");
        Lambdas.deploy(lambda, fn, "handlers", "example.Echo");

        InvokeResponse r = invoke(fn, "{\"a\":1,\"b\":[true,\"x\"]}");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.functionError()).isNull();
        assertThat(r.executedVersion()).isEqualTo("$LATEST");
        assertThat(r.payload().asUtf8String()).isEqualTo("{\"a\":1,\"b\":[true,\"x\"]}");
    }

    @Test
    void handlerThatThrowsReturnsTheJavaRuntimesErrorObject() {
        String fn = TestNames.unique("boom");
        Lambdas.deploy(lambda, fn, "handlers", "example.Boom");

        InvokeResponse r = lambda.invoke(
                b -> b.functionName(fn).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String("{\"reason\":\"bad\"}")));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(r.payload().asUtf8String())
                .isEqualTo("{\"errorMessage\":\"boom: bad\",\"errorType\":"
                        + "\"java.lang.IllegalStateException\",\"stackTrace\":[\"example.Boom.handleRequest(Boom.java:11)\","
                        + "\"example.Boom.handleRequest(Boom.java:8)\"]}");
        String log = new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
        assertThat(log)
                .startsWith("START RequestId: ")
                .contains("boom: bad: java.lang.IllegalStateException\njava.lang.IllegalStateException: boom: bad\n"
                        + "\tat example.Boom.handleRequest(Boom.java:11)\n")
                .containsPattern("END RequestId: [0-9a-f-]{36}\nREPORT RequestId: [0-9a-f-]{36}\tDuration: "
                        + "[0-9]+\\.[0-9]{2} ms\tBilled Duration: [0-9]+ ms\tMemory Size: 128 MB\tMax Memory Used: "
                        + "[0-9]+ MB\tInit Duration: [0-9]+\\.[0-9]{2} ms\t\n$");
    }

    @Test
    void pojoAndStringMethodHandlersUseTheRuntimesSerialisation() {
        String greet = TestNames.unique("greet");
        Lambdas.deploy(lambda, greet, "handlers", "example.Greeter::greet");
        assertThat(invoke(greet, "{\"name\":\"Ada\",\"age\":36,\"ignored\":true}")
                        .payload()
                        .asUtf8String())
                .isEqualTo("{\"message\":\"Hello Ada, 36\"}");

        String shout = TestNames.unique("shout");
        Lambdas.deploy(lambda, shout, "handlers", "example.Greeter::shout");
        assertThat(invoke(shout, "\"quiet\"").payload().asUtf8String()).isEqualTo("\"QUIET\"");

        InvokeResponse notJsonString = invoke(shout, "{\"a\":1}");
        assertThat(notJsonString.functionError()).isEqualTo("Unhandled");
        assertThat(notJsonString.payload().asUtf8String())
                .isEqualTo("{\"errorMessage\":\"An error occurred during "
                        + "JSON parsing\",\"errorType\":\"java.lang.RuntimeException\",\"stackTrace\":[]}");
    }

    @Test
    void dynamodbEventHandlerGetsTheStreamRecordsAndReturnsBatchItemFailures() {
        String fn = TestNames.unique("stream");
        Lambdas.deploy(lambda, fn, "handlers", "example.StreamBatch");
        String event = "{\"Records\":[" + record("1", "111", false) + "," + record("2", "222", true) + "]}";

        InvokeResponse r =
                lambda.invoke(b -> b.functionName(fn).logType(LogType.TAIL).payload(SdkBytes.fromUtf8String(event)));

        assertThat(r.functionError()).isNull();
        assertThat(r.payload().asUtf8String()).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"222\"}]}");
        String log = new String(Base64.getDecoder().decode(r.logResult()), StandardCharsets.UTF_8);
        assertThat(log).contains("INSERT {pk={S: 1,}} 1700000000000\n", "INSERT {pk={S: 2,}} 1700000000000\n");
    }

    private static String record(String pk, String seq, boolean fail) {
        return "{\"eventID\":\"e" + pk + "\",\"eventName\":\"INSERT\",\"eventVersion\":\"1.1\","
                + "\"eventSource\":\"aws:dynamodb\",\"awsRegion\":\"us-east-1\",\"dynamodb\":{"
                + "\"ApproximateCreationDateTime\":1700000000,\"Keys\":{\"pk\":{\"S\":\"" + pk + "\"}},"
                + "\"NewImage\":{\"pk\":{\"S\":\"" + pk + "\"},\"fail\":{\"BOOL\":" + fail + "},"
                + "\"n\":{\"N\":\"1.5\"},\"b\":{\"B\":\"AQI=\"},\"l\":{\"L\":[{\"NULL\":true}]}},"
                + "\"SequenceNumber\":\"" + seq + "\",\"SizeBytes\":26,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"},"
                + "\"eventSourceARN\":\"arn:aws:dynamodb:us-east-1:000000000000:table/t/stream/2024-01-01T00:00:00.000\"}";
    }

    @Test
    void contextCarriesTheInvocationsFacts() throws Exception {
        String fn = TestNames.unique("context");
        Lambdas.deploy(
                lambda,
                fn,
                "handlers",
                "example.ContextInfo::describe",
                b -> b.memorySize(512).timeout(7));

        InvokeResponse r = invoke(fn, "{}");

        var node = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(r.payload().asUtf8String());
        assertThat(node.get("awsRequestId").asText())
                .isEqualTo(r.responseMetadata().requestId());
        assertThat(node.get("functionName").asText()).isEqualTo(fn);
        assertThat(node.get("functionVersion").asText()).isEqualTo("$LATEST");
        assertThat(node.get("invokedFunctionArn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:" + fn);
        assertThat(node.get("memoryLimitInMB").asInt()).isEqualTo(512);
        assertThat(node.get("remainingTimeInMillis").asInt()).isBetween(5000, 7000);
        assertThat(node.get("logGroupName").asText()).isEqualTo("/aws/lambda/" + fn);
        assertThat(node.get("logStreamName").asText()).matches("\\d{4}/\\d\\d/\\d\\d/\\[\\$LATEST\\][0-9a-f]{32}");
        assertThat(node.get("logStreamEnv").asText())
                .isEqualTo(node.get("logStreamName").asText());

        InvokeResponse qualified = lambda.invoke(b -> b.functionName(fn).qualifier("$LATEST"));
        assertThat(qualified.payload().asUtf8String())
                .contains(
                        "\"invokedFunctionArn\":\"arn:aws:lambda:us-east-1:000000000000:function:" + fn + ":$LATEST\"");
    }

    @Test
    void dryRunAnswers204AndEventAnswers202ThenRunsInTheBackground() {
        String fn = TestNames.unique("async");
        Lambdas.deploy(lambda, fn, "handlers", "example.Logs");

        InvokeResponse dry = lambda.invoke(b -> b.functionName(fn).invocationType(InvocationType.DRY_RUN));
        assertThat(dry.statusCode()).isEqualTo(204);
        assertThat(dry.executedVersion()).isEqualTo("$LATEST");
        assertThat(dry.payload().asByteArray()).isEmpty();

        InvokeResponse event = lambda.invoke(b -> b.functionName(fn)
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"text\":\"later\"}")));
        assertThat(event.statusCode()).isEqualTo(202);
        assertThat(event.payload().asByteArray()).isEmpty();
        String requestId = event.responseMetadata().requestId();
        Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                server.functions().logs().read(fn, 0, 100).events())
                        .extracting(FunctionLogs.LogEvent::message)
                        .contains("out later", "END RequestId: " + requestId));
    }

    @Test
    void initFailuresAreReportedAndRetriedOnTheNextInvoke() {
        String fn = TestNames.unique("badinit");
        Lambdas.deploy(lambda, fn, "handlers", "example.BadInit");

        for (int i = 0; i < 2; i++) {
            InvokeResponse r = invoke(fn, "{}");
            assertThat(r.functionError()).isEqualTo("Unhandled");
            assertThat(r.payload().asUtf8String())
                    .isEqualTo("{\"errorMessage\":\"Error loading class example.BadInit"
                            + "\",\"errorType\":\"java.lang.ExceptionInInitializerError\"}");
        }
        String missing = TestNames.unique("missing");
        Lambdas.deploy(lambda, missing, "handlers", "example.DoesNotExist");
        assertThat(invoke(missing, "{}").payload().asUtf8String())
                .isEqualTo("{\"errorMessage\":\"Class not found: "
                        + "example.DoesNotExist\",\"errorType\":\"java.lang.ClassNotFoundException\"}");
        String noIface = TestNames.unique("noiface");
        Lambdas.deploy(lambda, noIface, "handlers", "example.Greeter");
        assertThat(invoke(noIface, "{}").payload().asUtf8String())
                .isEqualTo("{\"errorMessage\":\"Class does not "
                        + "implement an appropriate handler interface: example.Greeter\"}");
    }

    @Test
    void systemExitEndsTheEnvironmentNotEddy() {
        String fn = TestNames.unique("exit");
        Lambdas.deploy(lambda, fn, "handlers", "example.Exit");

        InvokeResponse r = invoke(fn, "{}");

        assertThat(r.functionError()).isEqualTo("Unhandled");
        assertThat(r.payload().asUtf8String())
                .isEqualTo("{\"errorType\":\"Runtime.ExitError\",\"errorMessage\":" + "\"RequestId: "
                        + r.responseMetadata().requestId() + " Error: Runtime exited with error: exit status 3\"}");
        assertThat(server.functions().idleEnvironments(fn)).isZero();
    }

    @Test
    void aFunctionThatCannotRunIsAConflictNotAFunctionError() {
        String fn = TestNames.unique("norun");
        lambda.createFunction(b -> b.functionName(fn)
                .runtime("ruby3.3")
                .role(Lambdas.ROLE)
                .handler("h.main")
                .code(c -> c.zipFile(Lambdas.jar("handlers"))));
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> lambda.getFunctionConfiguration(b -> b.functionName(fn))
                                .stateAsString(),
                        "Failed"::equals);

        var r = RawHttp.send(server, "POST", "/2015-03-31/functions/" + fn + "/invocations", "{}");

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.headers().firstValue("X-Amzn-ErrorType")).hasValue("ResourceConflictException");
        assertThat(r.headers().firstValue("X-Amz-Function-Error")).isEmpty();
        assertThat(r.body())
                .isEqualTo("{\"Type\":\"User\",\"message\":\"The operation cannot be performed at this "
                        + "time. The function is currently in the following state: Failed\"}");
    }

    @Test
    void invalidJsonPayloadsAreRejected() {
        String fn = TestNames.unique("badjson");
        Lambdas.deploy(lambda, fn, "handlers", "example.Echo");

        assertThatThrownBy(() -> invoke(fn, "{nope")).isInstanceOfSatisfying(LambdaException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidRequestContentException");
            assertThat(e.awsErrorDetails().errorMessage())
                    .startsWith("Could not parse request body into json: Could not parse payload into json: ");
        });
    }
}
