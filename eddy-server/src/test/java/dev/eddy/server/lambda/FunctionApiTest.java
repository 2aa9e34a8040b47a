package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.ListFunctionsResponse;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionConfigurationResponse;

/** The function management API over HTTP: shapes, status codes, errors. */
class FunctionApiTest extends InMemoryServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LambdaClient lambda;

    @BeforeAll
    static void start() {
        lambda = Lambdas.client(server);
    }

    @AfterAll
    static void stop() {
        lambda.close();
    }

    private static String createBody(String name, String runtime, String extra) {
        String zip = Base64.getEncoder().encodeToString(Lambdas.jar("handlers").asByteArray());
        return "{\"FunctionName\":\"" + name + "\",\"Runtime\":\"" + runtime + "\",\"Role\":\"" + Lambdas.ROLE
                + "\",\"Handler\":\"example.Echo\",\"Code\":{\"ZipFile\":\"" + zip + "\"}" + extra + "}";
    }

    @Test
    void zipFileThatIsNotAStringIsInvalidRequestContent() throws Exception {
        String fn = TestNames.unique("zipnum");
        String body = "{\"FunctionName\":\"" + fn + "\",\"Runtime\":\"java21\",\"Role\":\"" + Lambdas.ROLE
                + "\",\"Handler\":\"example.Echo\",\"Code\":{\"ZipFile\":12}}";
        HttpResponse<String> created = RawHttp.send(server, "POST", "/2015-03-31/functions", body);
        assertThat(created.statusCode()).isEqualTo(400);
        assertThat(created.headers().firstValue("X-Amzn-ErrorType").orElseThrow())
                .startsWith("InvalidRequestContentException");
        RawHttp.send(server, "POST", "/2015-03-31/functions", createBody(fn, "java21", ""));
        HttpResponse<String> updated =
                RawHttp.send(server, "PUT", "/2015-03-31/functions/" + fn + "/code", "{\"ZipFile\":{\"a\":1}}");
        assertThat(updated.statusCode()).isEqualTo(400);
        assertThat(updated.headers().firstValue("X-Amzn-ErrorType").orElseThrow())
                .startsWith("InvalidRequestContentException");
    }

    @Test
    void createFunctionAnswers201WithAPendingConfiguration() throws Exception {
        String fn = TestNames.unique("create");
        HttpResponse<String> r = RawHttp.send(server, "POST", "/2015-03-31/functions", createBody(fn, "java21", ""));

        assertThat(r.statusCode()).isEqualTo(201);
        JsonNode c = JSON.readTree(r.body());
        byte[] jar = Lambdas.jar("handlers").asByteArray();
        String sha = Base64.getEncoder()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(jar));
        List<String> fields = new ArrayList<>();
        c.fieldNames().forEachRemaining(fields::add);
        assertThat(fields)
                .containsExactly(
                        "FunctionName",
                        "FunctionArn",
                        "Runtime",
                        "Role",
                        "Handler",
                        "CodeSize",
                        "Description",
                        "Timeout",
                        "MemorySize",
                        "LastModified",
                        "CodeSha256",
                        "Version",
                        "Environment",
                        "TracingConfig",
                        "RevisionId",
                        "State",
                        "StateReason",
                        "StateReasonCode",
                        "PackageType",
                        "Architectures",
                        "EphemeralStorage",
                        "SnapStart",
                        "RuntimeVersionConfig",
                        "LoggingConfig");
        assertThat(c.get("FunctionArn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:" + fn);
        assertThat(c.get("CodeSize").asLong()).isEqualTo(jar.length);
        assertThat(c.get("CodeSha256").asText()).isEqualTo(sha);
        assertThat(c.get("Description").asText()).isEmpty();
        assertThat(c.get("Timeout").asInt()).isEqualTo(3);
        assertThat(c.get("MemorySize").asInt()).isEqualTo(128);
        assertThat(c.get("LastModified").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0000");
        assertThat(c.get("Version").asText()).isEqualTo("$LATEST");
        assertThat(c.get("Environment").toString()).isEqualTo("{\"Variables\":{}}");
        assertThat(c.get("TracingConfig").toString()).isEqualTo("{\"Mode\":\"PassThrough\"}");
        assertThat(c.get("State").asText()).isEqualTo("Pending");
        assertThat(c.get("StateReason").asText()).isEqualTo("The function is being created.");
        assertThat(c.get("StateReasonCode").asText()).isEqualTo("Creating");
        assertThat(c.get("Architectures").toString()).isEqualTo("[\"x86_64\"]");
        assertThat(c.get("EphemeralStorage").toString()).isEqualTo("{\"Size\":512}");
        assertThat(c.get("LoggingConfig").toString())
                .isEqualTo("{\"LogFormat\":\"Text\",\"LogGroup\":\"/aws/lambda/" + fn + "\"}");

        Lambdas.awaitActive(lambda, fn);
        GetFunctionResponse got = lambda.getFunction(b -> b.functionName(fn));
        assertThat(got.configuration().stateAsString()).isEqualTo("Active");
        assertThat(got.configuration().stateReason()).isNull();
        assertThat(got.configuration().lastUpdateStatus()).isEqualTo(LastUpdateStatus.SUCCESSFUL);
        assertThat(got.configuration().revisionId())
                .isEqualTo(c.get("RevisionId").asText());
        assertThat(got.code().repositoryType()).isEqualTo("S3");
        assertThat(RawHttp.bytes(got.code().location()).body()).isEqualTo(jar);
        assertThat(got.concurrency()).isNull();
    }

    @Test
    void duplicateNamesConflict() {
        String fn = TestNames.unique("dup");
        Lambdas.deploy(lambda, fn, "handlers", "example.Echo");

        assertThatThrownBy(() -> Lambdas.deploy(lambda, fn, "handlers", "example.Echo"))
                .isInstanceOfSatisfying(ResourceConflictException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Function already exist: " + fn);
                });
    }

    @Test
    void unknownFunctionsAre404WithLambdasBody() {
        HttpResponse<String> r = RawHttp.send(server, "GET", "/2015-03-31/functions/nope-nope", null);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("X-Amzn-ErrorType")).hasValue("ResourceNotFoundException");
        assertThat(r.body())
                .isEqualTo("{\"Type\":\"User\",\"Message\":\"Function not found: "
                        + "arn:aws:lambda:us-east-1:000000000000:function:nope-nope:$LATEST\"}");

        HttpResponse<String> d = RawHttp.send(server, "DELETE", "/2015-03-31/functions/nope-nope", null);
        assertThat(d.statusCode()).isEqualTo(404);
        assertThat(d.body())
                .isEqualTo("{\"Type\":\"User\",\"Message\":\"Function not found: "
                        + "arn:aws:lambda:us-east-1:000000000000:function:nope-nope\"}");

        HttpResponse<String> wrongRegion = RawHttp.send(
                server,
                "GET",
                "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aeu-west-1%3A000000000000%3Afunction%3Ax",
                null);
        assertThat(wrongRegion.statusCode()).isEqualTo(404);
        assertThat(wrongRegion.body())
                .isEqualTo("{\"Type\":\"User\",\"Message\":\"Functions from 'eu-west-1' are "
                        + "not reachable in this region ('us-east-1')\"}");
    }

    @Test
    void createValidatesLikeLambda() {
        String fn = TestNames.unique("bad");
        HttpResponse<String> runtime =
                RawHttp.send(server, "POST", "/2015-03-31/functions", createBody(fn, "java99", ""));
        assertThat(runtime.statusCode()).isEqualTo(400);
        assertThat(runtime.headers().firstValue("X-Amzn-ErrorType")).hasValue("InvalidParameterValueException");
        assertThat(runtime.body())
                .startsWith("{\"Type\":\"User\",\"message\":\"Value java99 at 'runtime' failed to "
                        + "satisfy constraint: Member must satisfy enum value set: [nodejs, nodejs4.3, ")
                .endsWith(", java8.al2023, java11.al2023, java17.al2023] or be a valid ARN\"}");

        HttpResponse<String> old = RawHttp.send(server, "POST", "/2015-03-31/functions", createBody(fn, "java8", ""));
        assertThat(old.body())
                .isEqualTo("{\"Type\":\"User\",\"message\":\"The runtime parameter of java8 is no "
                        + "longer supported for creating or updating AWS Lambda functions. We recommend you use the new "
                        + "runtime (java21) while creating or updating functions.\"}");

        HttpResponse<String> timeout = RawHttp.send(
                server, "POST", "/2015-03-31/functions", createBody(fn, "java21", ",\"Timeout\":0,\"MemorySize\":64"));
        assertThat(timeout.statusCode()).isEqualTo(400);
        assertThat(timeout.headers().firstValue("X-Amzn-ErrorType")).hasValue("ValidationException");
        assertThat(timeout.body())
                .isEqualTo(
                        "{\"message\":\"2 validation errors detected: Value '0' at 'timeout' "
                                + "failed to satisfy constraint: Member must have value greater than or equal to 1; Value '64' at "
                                + "'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128\"}");

        HttpResponse<String> tooLong =
                RawHttp.send(server, "POST", "/2015-03-31/functions", createBody(fn, "java21", ",\"Timeout\":901"));
        assertThat(tooLong.body())
                .isEqualTo("{\"message\":\"1 validation error detected: Value '901' at 'timeout' "
                        + "failed to satisfy constraint: Member must have value less than or equal to 900\"}");

        String longName = "f".repeat(65);
        assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName(longName)
                        .runtime("java21")
                        .role(Lambdas.ROLE)
                        .handler("example.Echo")
                        .code(c -> c.zipFile(Lambdas.jar("handlers")))))
                .isInstanceOfSatisfying(
                        InvalidParameterValueException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("1 validation error detected: Value '"
                                        + longName
                                        + "' at 'functionName' failed to satisfy constraint: Member must have length less "
                                        + "than or equal to 64"));

        assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName(fn)
                        .runtime("java21")
                        .role(Lambdas.ROLE)
                        .handler("example.Echo")
                        .code(c -> c.zipFile(SdkBytes.fromUtf8String("not a zip")))))
                .isInstanceOfSatisfying(
                        InvalidParameterValueException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo(
                                        "Could not unzip uploaded file. Please check your file, then try to upload again."));

        assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName(fn)
                        .runtime("java21")
                        .role("not-a-role")
                        .handler("example.Echo")
                        .code(c -> c.zipFile(Lambdas.jar("handlers")))))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo(
                                    "1 validation error detected: Value "
                                            + "'not-a-role' at 'role' failed to satisfy constraint: Member must satisfy regular "
                                            + "expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
                });

        assertThatThrownBy(() -> Lambdas.deploy(
                        lambda,
                        fn,
                        "handlers",
                        "example.Echo",
                        b -> b.environment(e -> e.variables(Map.of("AWS_REGION", "x")))))
                .isInstanceOfSatisfying(
                        InvalidParameterValueException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Lambda was unable to configure your "
                                        + "environment variables because the environment variables you have provided contains reserved "
                                        + "keys that are currently not supported for modification. Reserved keys used in this request: "
                                        + "AWS_REGION"));
        assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName(fn)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void listFunctionsPagesWithMarkers() {
        String prefix = TestNames.unique("list");
        for (int i = 0; i < 3; i++) {
            Lambdas.deploy(lambda, prefix + "-" + i, "handlers", "example.Echo");
        }
        List<String> seen = new ArrayList<>();
        String marker = null;
        do {
            String m = marker;
            ListFunctionsResponse page = lambda.listFunctions(b -> b.maxItems(2).marker(m));
            assertThat(page.functions()).hasSizeLessThanOrEqualTo(2);
            page.functions().forEach(f -> seen.add(f.functionName()));
            for (FunctionConfiguration f : page.functions()) {
                assertThat(f.state()).isNull();
                assertThat(f.lastUpdateStatus()).isNull();
                assertThat(f.version()).isEqualTo("$LATEST");
            }
            marker = page.nextMarker();
        } while (marker != null);
        assertThat(seen).doesNotHaveDuplicates().contains(prefix + "-0", prefix + "-1", prefix + "-2");
        assertThat(seen).isSorted();
    }

    @Test
    void updatesGoThroughInProgressToSuccessful() {
        String fn = TestNames.unique("update");
        String rev0 = Lambdas.deploy(lambda, fn, "handlers", "example.Echo").revisionId();

        UpdateFunctionConfigurationResponse u = lambda.updateFunctionConfiguration(b -> b.functionName(fn)
                .timeout(10)
                .memorySize(256)
                .description("changed")
                .handler("example.Env")
                .environment(e -> e.variables(Map.of("GREETING", "hi"))));
        assertThat(u.lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
        assertThat(u.revisionId()).isNotEqualTo(rev0);
        var c = Lambdas.awaitActive(lambda, fn);
        assertThat(c.timeout()).isEqualTo(10);
        assertThat(c.memorySize()).isEqualTo(256);
        assertThat(c.description()).isEqualTo("changed");
        assertThat(c.handler()).isEqualTo("example.Env");
        assertThat(c.environment().variables()).isEqualTo(Map.of("GREETING", "hi"));
        String out = lambda.invoke(b -> b.functionName(fn)
                        .payload(SdkBytes.fromUtf8String("[\"GREETING\",\"AWS_LAMBDA_FUNCTION_MEMORY_SIZE\"]")))
                .payload()
                .asUtf8String();
        assertThat(out).startsWith("{\"GREETING\":\"hi\",\"AWS_LAMBDA_FUNCTION_MEMORY_SIZE\":\"256\",");

        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(
                        b -> b.functionName(fn).timeout(5).revisionId(rev0)))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailedException");
                });

        var code = lambda.updateFunctionCode(b -> b.functionName(fn).zipFile(Lambdas.jar("old-jackson")));
        assertThat(code.lastUpdateStatus()).isEqualTo(LastUpdateStatus.IN_PROGRESS);
        assertThat(code.codeSize()).isEqualTo(Lambdas.jar("old-jackson").asByteArray().length);
        Lambdas.awaitActive(lambda, fn);
        lambda.updateFunctionConfiguration(b -> b.functionName(fn).handler("example.jackson.VersionHandler"));
        Lambdas.awaitActive(lambda, fn);
        assertThat(lambda.invoke(b -> b.functionName(fn).payload(SdkBytes.fromUtf8String("{\"k\":1}")))
                        .payload()
                        .asUtf8String())
                .isEqualTo("{\"jacksonVersion\":\"2.17.2\",\"json\":\"{\\\"k\\\":1}\"}");
    }

    @Test
    void deleteAnswers204AndForgetsTheFunction() {
        String fn = TestNames.unique("delete");
        Lambdas.deploy(lambda, fn, "handlers", "example.Echo");

        HttpResponse<String> r = RawHttp.send(server, "DELETE", "/2015-03-31/functions/" + fn, null);

        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThatThrownBy(() -> lambda.getFunction(b -> b.functionName(fn)))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> lambda.invoke(b -> b.functionName(fn))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void reservedConcurrencyIsStoredAndReported() {
        String fn = TestNames.unique("reserve");
        Lambdas.deploy(lambda, fn, "handlers", "example.Echo");

        assertThat(lambda.getFunctionConcurrency(b -> b.functionName(fn)).reservedConcurrentExecutions())
                .isNull();
        assertThat(lambda.putFunctionConcurrency(b -> b.functionName(fn).reservedConcurrentExecutions(5))
                        .reservedConcurrentExecutions())
                .isEqualTo(5);
        assertThat(lambda.getFunctionConcurrency(b -> b.functionName(fn)).reservedConcurrentExecutions())
                .isEqualTo(5);
        assertThat(lambda.getFunction(b -> b.functionName(fn)).concurrency().reservedConcurrentExecutions())
                .isEqualTo(5);
        assertThatThrownBy(() ->
                        lambda.putFunctionConcurrency(b -> b.functionName(fn).reservedConcurrentExecutions(901)))
                .isInstanceOfSatisfying(
                        InvalidParameterValueException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Specified ReservedConcurrentExecutions "
                                        + "for function decreases account's UnreservedConcurrentExecution below its minimum value of "
                                        + "[100]."));

        HttpResponse<String> del = RawHttp.send(server, "DELETE", "/2017-10-31/functions/" + fn + "/concurrency", null);
        assertThat(del.statusCode()).isEqualTo(204);
        HttpResponse<String> get = RawHttp.send(server, "GET", "/2019-09-30/functions/" + fn + "/concurrency", null);
        assertThat(get.body()).isEqualTo("{}");
    }
}
