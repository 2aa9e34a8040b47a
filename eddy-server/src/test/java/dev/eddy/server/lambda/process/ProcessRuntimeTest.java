package dev.eddy.server.lambda.process;

import static dev.eddy.server.lambda.process.ProcessFunctions.deploy;
import static dev.eddy.server.lambda.process.ProcessFunctions.invoke;
import static dev.eddy.server.lambda.process.ProcessFunctions.tail;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.testkit.TestNames;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Functions in Node.js, Python and a shell-script custom runtime run as child processes that speak
 * the Lambda Runtime API: results, context, environment, logs and warm reuse.
 */
class ProcessRuntimeTest extends ProcessServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STREAM_EVENT = """
            {"Records":[
              {"eventID":"1","eventName":"INSERT","dynamodb":{"Keys":{"pk":{"S":"a"}},
               "NewImage":{"pk":{"S":"a"}},"SequenceNumber":"100"}},
              {"eventID":"2","eventName":"INSERT","dynamodb":{"Keys":{"pk":{"S":"b"}},
               "NewImage":{"pk":{"S":"b"},"fail":{"BOOL":true}},"SequenceNumber":"200"}}]}""";

    @Test
    void nodeStreamHandlerReturnsBatchItemFailuresAndStaysWarm() throws Exception {
        String fn = TestNames.unique("node-stream");
        deploy(lambda, fn, "nodejs20.x", "index.handler", Map.of("index.js", """
                let calls = 0;
                exports.handler = async (event, context) => {
                  calls++;
                  console.log('records', event.Records.length, 'call', calls);
                  const failed = event.Records.filter(r => r.dynamodb.NewImage.fail);
                  return { batchItemFailures: failed.map(r => ({ itemIdentifier: r.dynamodb.SequenceNumber })) };
                };
                """));

        InvokeResponse first = invoke(lambda, fn, STREAM_EVENT);

        String id = first.responseMetadata().requestId();
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.functionError()).isNull();
        assertThat(first.executedVersion()).isEqualTo("$LATEST");
        assertThat(first.payload().asUtf8String()).isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"200\"}]}");
        assertThat(tail(first))
                .startsWith("START RequestId: " + id + " Version: $LATEST\n")
                .containsPattern("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z\t" + id + "\tINFO\trecords 2 call 1\n")
                .contains("END RequestId: " + id + "\n")
                .containsPattern("REPORT RequestId: " + id + "\tDuration: .*\tInit Duration: ");
        assertThat(server.functions().idleEnvironments(fn)).isEqualTo(1);

        InvokeResponse second = invoke(lambda, fn, STREAM_EVENT);
        // the same process: module state survives, and no init phase ran
        assertThat(tail(second)).contains("INFO\trecords 2 call 2\n").doesNotContain("Init Duration");
    }

    @Test
    void nodeHandlersInEsModulesAndCallbackStyleSeeTheirContext() throws Exception {
        String fn = TestNames.unique("node-esm");
        deploy(lambda, fn, "nodejs20.x", "lib/app.handler", Map.of("lib/app.mjs", """
                export const handler = async (event, context) => ({
                  got: event.n, id: context.awsRequestId, name: context.functionName,
                  arn: context.invokedFunctionArn, left: context.getRemainingTimeInMillis(),
                  memory: context.memoryLimitInMB, version: context.functionVersion });
                """));
        InvokeResponse r = invoke(lambda, fn, "{\"n\":7}");
        JsonNode body = JSON.readTree(r.payload().asUtf8String());
        assertThat(body.get("got").asInt()).isEqualTo(7);
        assertThat(body.get("id").asText()).isEqualTo(r.responseMetadata().requestId());
        assertThat(body.get("name").asText()).isEqualTo(fn);
        assertThat(body.get("arn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:" + fn);
        assertThat(body.get("left").asInt()).isBetween(1, 3000);
        assertThat(body.get("memory").asText()).isEqualTo("128");
        assertThat(body.get("version").asText()).isEqualTo("$LATEST");

        String cb = TestNames.unique("node-callback");
        deploy(lambda, cb, "nodejs20.x", "cb.handler", Map.of("cb.js", """
                exports.handler = function (event, context, callback) {
                  setTimeout(() => callback(null, { doubled: event.n * 2 }), 5);
                };
                """));
        assertThat(invoke(lambda, cb, "{\"n\":21}").payload().asUtf8String()).isEqualTo("{\"doubled\":42}");
    }

    @Test
    void nodeHandlerErrorsAreFunctionErrorsAndTheEnvironmentIsReused() throws Exception {
        String fn = TestNames.unique("node-throws");
        deploy(lambda, fn, "nodejs20.x", "index.handler", Map.of("index.js", """
                exports.handler = async () => { throw new TypeError('bad input'); };
                """));
        InvokeResponse r = invoke(lambda, fn, "{}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.functionError()).isEqualTo("Unhandled");
        JsonNode body = JSON.readTree(r.payload().asUtf8String());
        assertThat(body.get("errorType").asText()).isEqualTo("TypeError");
        assertThat(body.get("errorMessage").asText()).isEqualTo("bad input");
        assertThat(body.get("trace").get(0).asText()).isEqualTo("TypeError: bad input");
        assertThat(tail(r)).contains("ERROR\tInvoke Error \t");
        assertThat(server.functions().idleEnvironments(fn)).isEqualTo(1);
    }

    @Test
    void pythonHandlerSeesItsEnvironmentAndLogsItsOutput() throws Exception {
        String fn = TestNames.unique("python");
        deploy(
                lambda,
                fn,
                "python3.11",
                "pkg/handler.handle",
                Map.of("pkg/__init__.py", "", "pkg/handler.py", """
                        import os

                        def handle(event, context):
                            print("handling", len(event["Records"]), "records")
                            failed = [r for r in event["Records"] if "fail" in r["dynamodb"]["NewImage"]]
                            keys = ["GREETING", "AWS_LAMBDA_FUNCTION_NAME", "AWS_REGION", "AWS_DEFAULT_REGION",
                                    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_VERSION", "_HANDLER",
                                    "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_ACCESS_KEY_ID", "AWS_ENDPOINT_URL",
                                    "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "AWS_LAMBDA_RUNTIME_API"]
                            return {
                                "batchItemFailures": [{"itemIdentifier": r["dynamodb"]["SequenceNumber"]} for r in failed],
                                "env": {k: os.environ.get(k) for k in keys},
                                "cwd": os.getcwd(),
                                "requestId": context.aws_request_id,
                                "left": context.get_remaining_time_in_millis(),
                            }
                        """),
                b -> b.memorySize(256).environment(e -> e.variables(Map.of("GREETING", "hello"))));

        InvokeResponse r = invoke(lambda, fn, STREAM_EVENT);

        assertThat(r.functionError()).isNull();
        JsonNode body = JSON.readTree(r.payload().asUtf8String());
        assertThat(body.get("batchItemFailures").toString()).isEqualTo("[{\"itemIdentifier\":\"200\"}]");
        JsonNode env = body.get("env");
        assertThat(env.get("GREETING").asText()).isEqualTo("hello");
        assertThat(env.get("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo(fn);
        assertThat(env.get("AWS_REGION").asText()).isEqualTo("us-east-1");
        assertThat(env.get("AWS_DEFAULT_REGION").asText()).isEqualTo("us-east-1");
        assertThat(env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText()).isEqualTo("256");
        assertThat(env.get("AWS_LAMBDA_FUNCTION_VERSION").asText()).isEqualTo("$LATEST");
        assertThat(env.get("_HANDLER").asText()).isEqualTo("pkg/handler.handle");
        assertThat(env.get("AWS_LAMBDA_LOG_GROUP_NAME").asText()).isEqualTo("/aws/lambda/" + fn);
        assertThat(env.get("AWS_ACCESS_KEY_ID").isNull()).isFalse();
        assertThat(env.get("AWS_ENDPOINT_URL").asText())
                .isEqualTo(server.endpoint().toString());
        assertThat(env.get("AWS_LAMBDA_RUNTIME_API").asText()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(body.get("cwd").asText())
                .isEqualTo(env.get("LAMBDA_TASK_ROOT").asText());
        assertThat(env.get("LAMBDA_RUNTIME_DIR").isNull()).isFalse();
        assertThat(body.get("requestId").asText())
                .isEqualTo(r.responseMetadata().requestId());
        assertThat(body.get("left").asInt()).isBetween(1, 3000);
        assertThat(tail(r)).contains("handling 2 records\n");
    }

    @Test
    void pythonExceptionsCarryTypeMessageAndStackTrace() throws Exception {
        String fn = TestNames.unique("python-raises");
        deploy(lambda, fn, "python3.11", "app.handler", Map.of("app.py", """
                def handler(event, context):
                    raise ValueError("no such item")
                """));
        InvokeResponse r = invoke(lambda, fn, "{}");
        assertThat(r.functionError()).isEqualTo("Unhandled");
        JsonNode body = JSON.readTree(r.payload().asUtf8String());
        assertThat(body.get("errorType").asText()).isEqualTo("ValueError");
        assertThat(body.get("errorMessage").asText()).isEqualTo("no such item");
        assertThat(body.get("requestId").asText())
                .isEqualTo(r.responseMetadata().requestId());
        assertThat(body.get("stackTrace").toString()).contains("app.py");
    }

    @Test
    void shellScriptCustomRuntimeSpeaksTheRuntimeApi() throws Exception {
        String fn = TestNames.unique("shell");
        deploy(lambda, fn, "provided.al2023", "function.handler", Map.of("bootstrap", """
                #!/bin/sh
                set -eu
                API="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime"
                HEADERS="$(mktemp)"
                while true; do
                  EVENT=$(curl -sS -D "$HEADERS" "$API/invocation/next")
                  ID=$(grep -i '^Lambda-Runtime-Aws-Request-Id:' "$HEADERS" | cut -d' ' -f2 | tr -d '\\r\\n')
                  DEADLINE=$(grep -i '^Lambda-Runtime-Deadline-Ms:' "$HEADERS" | cut -d' ' -f2 | tr -d '\\r\\n')
                  echo "custom runtime handling $ID"
                  curl -sS -o /dev/null -X POST "$API/invocation/$ID/response" \\
                    -d "{\\"event\\":$EVENT,\\"handler\\":\\"$_HANDLER\\",\\"deadline\\":$DEADLINE,\\"exec\\":\\"${AWS_EXECUTION_ENV:-none}\\"}"
                done
                """));

        long before = System.currentTimeMillis();
        InvokeResponse r = invoke(lambda, fn, "{\"x\":1}");

        String id = r.responseMetadata().requestId();
        assertThat(r.functionError()).isNull();
        JsonNode body = JSON.readTree(r.payload().asUtf8String());
        assertThat(body.get("event").toString()).isEqualTo("{\"x\":1}");
        assertThat(body.get("handler").asText()).isEqualTo("function.handler");
        // Deadline-Ms: epoch milliseconds of the 3-second default timeout
        assertThat(body.get("deadline").asLong()).isBetween(before + 2000, System.currentTimeMillis() + 3000);
        assertThat(body.get("exec").asText()).isEqualTo("none");
        assertThat(tail(r)).contains("custom runtime handling " + id + "\n");
        assertThat(invoke(lambda, fn, "[2]").payload().asUtf8String()).contains("\"event\":[2]");
    }
}
