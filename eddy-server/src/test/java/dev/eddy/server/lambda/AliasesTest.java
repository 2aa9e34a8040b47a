package dev.eddy.server.lambda;

import static dev.eddy.server.lambda.VersionsTest.invoke;
import static dev.eddy.server.lambda.VersionsTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.function.FunctionLogs;
import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.AliasConfiguration;
import software.amazon.awssdk.services.lambda.model.CreateAliasResponse;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.GetAliasResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.PreconditionFailedException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateAliasResponse;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** Aliases: their API and errors, invoking through them, weighted routing, mappings naming them. */
class AliasesTest extends InMemoryServerTest {
    private static final String ACCOUNT_ARN = "arn:aws:lambda:us-east-1:000000000000:function:";
    private static LambdaClient lambda;
    /** A function with versions 1 and 2 (different timeouts), its handler reporting its context. */
    private static String fn;

    @BeforeAll
    static void start() {
        lambda = Lambdas.client(server);
        fn = TestNames.unique("alias");
        Lambdas.deploy(lambda, fn, "handlers", "example.ContextInfo::describe");
        lambda.publishVersion(b -> b.functionName(fn));
        lambda.updateFunctionConfiguration(b -> b.functionName(fn).timeout(5));
        Lambdas.awaitActive(lambda, fn);
        lambda.publishVersion(b -> b.functionName(fn));
    }

    @AfterAll
    static void stop() {
        lambda.close();
    }

    private static String message(Throwable e) {
        return ((LambdaException) e).awsErrorDetails().errorMessage();
    }

    @Test
    void anAliasIsCreatedReadUpdatedListedAndDeleted() {
        CreateAliasResponse created = lambda.createAlias(
                b -> b.functionName(fn).name("crud").functionVersion("1").description("first"));
        assertThat(created.aliasArn()).isEqualTo(ACCOUNT_ARN + fn + ":crud");
        assertThat(created.name()).isEqualTo("crud");
        assertThat(created.functionVersion()).isEqualTo("1");
        assertThat(created.description()).isEqualTo("first");
        assertThat(created.routingConfig()).isNull();

        GetAliasResponse got = lambda.getAlias(b -> b.functionName(fn).name("crud"));
        assertThat(got.revisionId()).isEqualTo(created.revisionId());

        assertThatThrownBy(() -> lambda.updateAlias(b ->
                        b.functionName(fn).name("crud").functionVersion("2").revisionId("stale")))
                .isInstanceOf(PreconditionFailedException.class);
        UpdateAliasResponse updated = lambda.updateAlias(
                b -> b.functionName(fn).name("crud").functionVersion("2").revisionId(created.revisionId()));
        assertThat(updated.functionVersion()).isEqualTo("2");
        assertThat(updated.description()).isEqualTo("first");
        assertThat(updated.revisionId()).isNotEqualTo(created.revisionId());

        assertThat(lambda.listAliases(b -> b.functionName(fn)).aliases())
                .extracting(AliasConfiguration::name)
                .contains("crud");
        assertThat(lambda.listAliases(b -> b.functionName(fn).functionVersion("2"))
                        .aliases())
                .extracting(AliasConfiguration::name)
                .contains("crud");
        assertThat(lambda.listAliases(b -> b.functionName(fn).functionVersion("1"))
                        .aliases())
                .extracting(AliasConfiguration::name)
                .doesNotContain("crud");

        lambda.deleteAlias(b -> b.functionName(fn).name("crud"));
        assertThatThrownBy(() -> lambda.getAlias(b -> b.functionName(fn).name("crud")))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(
                        e -> assertThat(message(e)).isEqualTo("Cannot find alias arn: " + ACCOUNT_ARN + fn + ":crud"));
        lambda.deleteAlias(b -> b.functionName(fn).name("crud")); // idempotent
    }

    @Test
    void invokingThroughAnAliasRunsTheVersionItPointsAt() throws Exception {
        lambda.createAlias(b -> b.functionName(fn).name("live").functionVersion("1"));
        var r = invoke(lambda, fn, "live", "{}");
        assertThat(r.executedVersion()).isEqualTo("1");
        assertThat(json(r).get("functionVersion").asText()).isEqualTo("1");
        assertThat(json(r).get("invokedFunctionArn").asText()).isEqualTo(ACCOUNT_ARN + fn + ":live");

        var config = lambda.getFunctionConfiguration(b -> b.functionName(fn).qualifier("live"));
        assertThat(config.functionArn()).isEqualTo(ACCOUNT_ARN + fn + ":live");
        assertThat(config.version()).isEqualTo("1");
        assertThat(config.timeout()).isEqualTo(3);

        lambda.updateAlias(b -> b.functionName(fn).name("live").functionVersion("2"));
        assertThat(invoke(lambda, fn + ":live", null, "{}").executedVersion()).isEqualTo("2");
        assertThat(lambda.getFunctionConfiguration(b -> b.functionName(fn + ":live"))
                        .timeout())
                .isEqualTo(5);

        assertThatThrownBy(() -> lambda.deleteFunction(b -> b.functionName(fn).qualifier("2")))
                .isInstanceOf(ResourceConflictException.class)
                .satisfies(e -> assertThat(message(e)).contains("[live]"));
    }

    @Test
    void weightedRoutingSplitsInvocationsBetweenTwoVersions() {
        lambda.createAlias(b -> b.functionName(fn)
                .name("canary")
                .functionVersion("1")
                .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.3))));
        GetAliasResponse a = lambda.getAlias(b -> b.functionName(fn).name("canary"));
        assertThat(a.routingConfig().additionalVersionWeights()).containsExactly(Map.entry("2", 0.3));
        int second = 0;
        for (int i = 0; i < 1000; i++) {
            String v = invoke(lambda, fn, "canary", "{}").executedVersion();
            assertThat(v).isIn("1", "2");
            second += v.equals("2") ? 1 : 0;
        }
        // binomial(1000, 0.3): mean 300, standard deviation 14.5; the bound is almost 5 of them
        assertThat(second).isBetween(230, 370);

        // an empty map clears the routing configuration
        UpdateAliasResponse cleared = lambda.updateAlias(
                b -> b.functionName(fn).name("canary").routingConfig(r -> r.additionalVersionWeights(Map.of())));
        assertThat(cleared.routingConfig()).isNull();
        for (int i = 0; i < 20; i++) {
            assertThat(invoke(lambda, fn, "canary", "{}").executedVersion()).isEqualTo("1");
        }
    }

    @Test
    void aliasRequestsAreValidatedAsLambdaDoes() {
        assertThatThrownBy(() ->
                        lambda.createAlias(b -> b.functionName(fn).name("123").functionVersion("1")))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(message(e))
                            .isEqualTo("1 validation error detected: Value '123' at 'name' failed to satisfy "
                                    + "constraint: Member must satisfy regular expression pattern: "
                                    + "(?!^[0-9]+$)([a-zA-Z0-9-_]+)");
                });
        lambda.createAlias(b -> b.functionName(fn).name("dup").functionVersion("$LATEST"));
        assertThatThrownBy(() ->
                        lambda.createAlias(b -> b.functionName(fn).name("dup").functionVersion("1")))
                .isInstanceOf(ResourceConflictException.class)
                .satisfies(e -> assertThat(message(e)).isEqualTo("Alias already exists: " + ACCOUNT_ARN + fn + ":dup"));
        assertThatThrownBy(() ->
                        lambda.createAlias(b -> b.functionName(fn).name("nine").functionVersion("9")))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> assertThat(message(e)).isEqualTo("Function not found: " + ACCOUNT_ARN + fn + ":9"));
        assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName(fn)
                        .name("two")
                        .functionVersion("1")
                        .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.1, "3", 0.1)))))
                .isInstanceOf(InvalidParameterValueException.class)
                .satisfies(e -> assertThat(message(e))
                        .isEqualTo("Number of items in AdditionalVersionWeights cannot be greater than 1"));
        assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName(fn)
                        .name("latest")
                        .functionVersion("$LATEST")
                        .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 0.1)))))
                .isInstanceOf(InvalidParameterValueException.class)
                .satisfies(e -> assertThat(message(e))
                        .isEqualTo("$LATEST is not supported for an alias pointing to more than 1 version"));
        assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName(fn)
                        .name("same")
                        .functionVersion("1")
                        .routingConfig(r -> r.additionalVersionWeights(Map.of("1", 0.1)))))
                .isInstanceOf(InvalidParameterValueException.class)
                .satisfies(e -> assertThat(message(e))
                        .isEqualTo("Invalid function version 1. Function version 1 is already included in "
                                + "routing configuration."));
        assertThatThrownBy(() -> lambda.createAlias(b -> b.functionName(fn)
                        .name("heavy")
                        .functionVersion("1")
                        .routingConfig(r -> r.additionalVersionWeights(Map.of("2", 1.5)))))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(message(e)).contains("Member must have value less than or equal to 1.0");
                });
        assertThatThrownBy(() ->
                        lambda.updateAlias(b -> b.functionName(fn).name("ghost").functionVersion("1")))
                .isInstanceOf(ResourceNotFoundException.class)
                .satisfies(e -> assertThat(message(e)).isEqualTo("Alias not found: " + ACCOUNT_ARN + fn + ":ghost"));
        assertThatThrownBy(() -> lambda.createAlias(
                        b -> b.functionName(fn + ":1").name("q").functionVersion("1")))
                .isInstanceOf(InvalidParameterValueException.class);
        assertThatThrownBy(() -> lambda.listAliases(b -> b.functionName(TestNames.unique("missing"))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aMappingNamingAnAliasInvokesTheAliasVersion() {
        String handler = TestNames.unique("alias-esm");
        Lambdas.deploy(lambda, handler, "handlers", "example.StreamBatch");
        lambda.publishVersion(b -> b.functionName(handler));
        lambda.createAlias(b -> b.functionName(handler).name("prod").functionVersion("1"));
        String stream = Mappings.streamedTable(ddb);

        assertThatThrownBy(() -> lambda.createEventSourceMapping(b -> b.eventSourceArn(stream)
                        .functionName(handler + ":ghost")
                        .startingPosition(EventSourcePosition.TRIM_HORIZON)))
                .isInstanceOf(InvalidParameterValueException.class)
                .satisfies(e -> assertThat(message(e)).isEqualTo("Function does not exist"));
        var m = lambda.createEventSourceMapping(b -> b.eventSourceArn(stream)
                .functionName(handler + ":prod")
                .startingPosition(EventSourcePosition.TRIM_HORIZON));
        assertThat(m.functionArn()).isEqualTo(ACCOUNT_ARN + handler + ":prod");
        Mappings.awaitState(lambda, m.uuid(), "Enabled");

        String table = stream.substring(stream.indexOf(":table/") + 7, stream.indexOf("/stream/"));
        ddb.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS("a"))));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            FunctionLogs.Page page = server.functions().logs().read(handler, 0, 1000);
            assertThat(page.events()).anySatisfy(e -> assertThat(e.message()).contains("Version: 1"));
        });
        lambda.deleteEventSourceMapping(b -> b.uuid(m.uuid()));
    }

    @Test
    void anAsynchronousInvocationThroughAnAliasRecordsTheVersionThatRan() throws Exception {
        String target = TestNames.unique("alias-async");
        Lambdas.deploy(lambda, target, "handlers", "example.Echo");
        lambda.publishVersion(b -> b.functionName(target));
        lambda.createAlias(b -> b.functionName(target).name("rec").functionVersion("1"));
        try (SqsClient sqs = EddyClients.sqs(server.endpoint())) {
            String url = sqs.createQueue(b -> b.queueName(TestNames.unique("alias-ok")))
                    .queueUrl();
            String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn"))
                    .attributesAsStrings()
                    .get("QueueArn");
            // the configuration of the alias the event is invoked through
            lambda.putFunctionEventInvokeConfig(b -> b.functionName(target)
                    .qualifier("rec")
                    .destinationConfig(d -> d.onSuccess(o -> o.destination(queueArn))));
            var r = lambda.invoke(b -> b.functionName(target)
                    .qualifier("rec")
                    .invocationType(InvocationType.EVENT)
                    .payload(SdkBytes.fromUtf8String("{\"n\":1}")));
            assertThat(r.statusCode()).isEqualTo(202);
            List<Message> got =
                    sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(20)).messages();
            assertThat(got).hasSize(1);
            JsonNode record = new ObjectMapper().readTree(got.get(0).body());
            assertThat(record.at("/requestContext/functionArn").asText()).isEqualTo(ACCOUNT_ARN + target + ":rec");
            assertThat(record.at("/responseContext/executedVersion").asText()).isEqualTo("1");
        }
    }
}
