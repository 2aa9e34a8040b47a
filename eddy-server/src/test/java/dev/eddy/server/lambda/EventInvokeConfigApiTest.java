package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionEventInvokeConfig;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.PutFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.UpdateFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Put/Get/Update/Delete/ListFunctionEventInvokeConfigs and DeadLetterConfig through the AWS SDK:
 * Lambda's shapes, merge and replace semantics, validation errors and not-found answers.
 */
class EventInvokeConfigApiTest extends InMemoryServerTest {
    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static LambdaClient lambda;
    private static SqsClient sqs;

    @BeforeAll
    static void clients() {
        lambda = Lambdas.client(server);
        sqs = EddyClients.sqs(server.endpoint());
    }

    @AfterAll
    static void closeClients() {
        lambda.close();
        sqs.close();
    }

    private static String queue() {
        String name = TestNames.unique("dest");
        String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("QueueArn"))
                .attributesAsStrings()
                .get("QueueArn");
    }

    private static String function() {
        String fn = TestNames.unique("eic");
        Lambdas.deploy(lambda, fn, "handlers", "example.Echo");
        return fn;
    }

    @Test
    void putReplacesUpdateMergesGetListAndDeleteShowWhatWasSet() throws Exception {
        String fn = function();
        String failed = queue();
        String ok = queue();

        PutFunctionEventInvokeConfigResponse put = lambda.putFunctionEventInvokeConfig(b -> b.functionName(fn)
                .maximumRetryAttempts(1)
                .maximumEventAgeInSeconds(300)
                .destinationConfig(d -> d.onFailure(f -> f.destination(failed))));
        assertThat(put.functionArn()).isEqualTo(ARN + fn + ":$LATEST");
        assertThat(put.maximumRetryAttempts()).isEqualTo(1);
        assertThat(put.maximumEventAgeInSeconds()).isEqualTo(300);
        assertThat(put.destinationConfig().onFailure().destination()).isEqualTo(failed);
        assertThat(put.destinationConfig().onSuccess().destination()).isNull();
        assertThat(put.lastModified()).isNotNull();

        HttpResponse<String> raw =
                RawHttp.send(server, "GET", "/2019-09-25/functions/" + fn + "/event-invoke-config", "");
        assertThat(raw.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(raw.body());
        assertThat(body.get("LastModified").isNumber()).isTrue();
        assertThat(body.get("LastModified").asDouble())
                .isEqualTo(put.lastModified().toEpochMilli() / 1000.0);
        ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove("LastModified");
        assertThat(body)
                .isEqualTo(JSON.readTree("{\"FunctionArn\":\"" + ARN + fn + ":$LATEST\",\"MaximumRetryAttempts\":1,"
                        + "\"MaximumEventAgeInSeconds\":300,\"DestinationConfig\":{\"OnSuccess\":{},"
                        + "\"OnFailure\":{\"Destination\":\"" + failed + "\"}}}"));

        UpdateFunctionEventInvokeConfigResponse updated = lambda.updateFunctionEventInvokeConfig(b -> b.functionName(fn)
                .maximumEventAgeInSeconds(600)
                .destinationConfig(d -> d.onSuccess(s -> s.destination(ok))));
        assertThat(updated.maximumRetryAttempts()).isEqualTo(1);
        assertThat(updated.maximumEventAgeInSeconds()).isEqualTo(600);
        assertThat(updated.destinationConfig().onSuccess().destination()).isEqualTo(ok);
        assertThat(updated.destinationConfig().onFailure().destination()).isEqualTo(failed);

        lambda.putFunctionEventInvokeConfig(b -> b.functionName(ARN + fn).maximumRetryAttempts(0));
        GetFunctionEventInvokeConfigResponse got = lambda.getFunctionEventInvokeConfig(b -> b.functionName(fn));
        assertThat(got.maximumRetryAttempts()).isZero();
        assertThat(got.maximumEventAgeInSeconds()).isNull();
        assertThat(got.destinationConfig().onFailure().destination()).isNull();
        assertThat(lambda.listFunctionEventInvokeConfigs(b -> b.functionName(fn))
                        .functionEventInvokeConfigs())
                .extracting(FunctionEventInvokeConfig::functionArn, FunctionEventInvokeConfig::maximumRetryAttempts)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ARN + fn + ":$LATEST", 0));

        lambda.deleteFunctionEventInvokeConfig(b -> b.functionName(fn));
        assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(b -> b.functionName(fn)))
                .isInstanceOfSatisfying(
                        ResourceNotFoundException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("The function " + ARN + fn + ":$LATEST doesn't have an EventInvokeConfig"));
        assertThat(lambda.listFunctionEventInvokeConfigs(b -> b.functionName(fn))
                        .functionEventInvokeConfigs())
                .isEmpty();
        assertThat(RawHttp.send(server, "DELETE", "/2019-09-25/functions/" + fn + "/event-invoke-config", "")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void eachVersionAndAliasHasItsOwnConfigurationWhichPublishingDoesNotCopy() {
        String fn = function();
        lambda.publishVersion(b -> b.functionName(fn));
        lambda.createAlias(b -> b.functionName(fn).name("live").functionVersion("1"));

        assertThat(lambda.putFunctionEventInvokeConfig(
                                b -> b.functionName(fn).qualifier("1").maximumRetryAttempts(1))
                        .functionArn())
                .isEqualTo(ARN + fn + ":1");
        lambda.putFunctionEventInvokeConfig(b -> b.functionName(fn + ":live").maximumRetryAttempts(2));

        assertThat(lambda.getFunctionEventInvokeConfig(b -> b.functionName(fn).qualifier("1"))
                        .maximumRetryAttempts())
                .isEqualTo(1);
        assertThat(lambda.getFunctionEventInvokeConfig(b -> b.functionName(ARN + fn + ":live"))
                        .maximumRetryAttempts())
                .isEqualTo(2);
        assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(b -> b.functionName(fn)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("The function " + ARN + fn + ":$LATEST doesn't have an EventInvokeConfig");
        assertThat(lambda.listFunctionEventInvokeConfigs(b -> b.functionName(fn))
                        .functionEventInvokeConfigs())
                .extracting(FunctionEventInvokeConfig::functionArn, FunctionEventInvokeConfig::maximumRetryAttempts)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ARN + fn + ":1", 1),
                        org.assertj.core.groups.Tuple.tuple(ARN + fn + ":live", 2));

        var first =
                lambda.listFunctionEventInvokeConfigs(b -> b.functionName(fn).maxItems(1));
        assertThat(first.functionEventInvokeConfigs())
                .extracting(FunctionEventInvokeConfig::functionArn)
                .containsExactly(ARN + fn + ":1");
        assertThat(lambda.listFunctionEventInvokeConfigs(
                                b -> b.functionName(fn).maxItems(1).marker(first.nextMarker()))
                        .functionEventInvokeConfigs())
                .extracting(FunctionEventInvokeConfig::functionArn)
                .containsExactly(ARN + fn + ":live");

        // a new version starts without one
        lambda.updateFunctionConfiguration(b -> b.functionName(fn).timeout(7));
        Lambdas.awaitActive(lambda, fn);
        lambda.publishVersion(b -> b.functionName(fn));
        assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(
                        b -> b.functionName(fn).qualifier("2")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("The function " + ARN + fn + ":2 doesn't have an EventInvokeConfig");
        // a version or alias that does not exist
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(
                        b -> b.functionName(fn).qualifier("9").maximumRetryAttempts(0)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Function not found: " + ARN + fn + ":9");
        assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(
                        b -> b.functionName(fn).qualifier("nope")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Function not found: " + ARN + fn + ":nope");

        // deleting the alias, then the version, deletes their configurations
        lambda.deleteAlias(b -> b.functionName(fn).name("live"));
        assertThat(lambda.listFunctionEventInvokeConfigs(b -> b.functionName(fn))
                        .functionEventInvokeConfigs())
                .extracting(FunctionEventInvokeConfig::functionArn)
                .containsExactly(ARN + fn + ":1");
        lambda.deleteFunction(b -> b.functionName(fn).qualifier("1"));
        assertThat(lambda.listFunctionEventInvokeConfigs(b -> b.functionName(fn))
                        .functionEventInvokeConfigs())
                .isEmpty();
    }

    @Test
    void outOfRangeSettingsAreValidationErrors() {
        String fn = function();
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(
                        b -> b.functionName(fn).maximumRetryAttempts(3).maximumEventAgeInSeconds(59)))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("2 validation errors detected: Value '3' at 'maximumRetryAttempts' failed to "
                                    + "satisfy constraint: Member must have value less than or equal to 2; Value '59' "
                                    + "at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have "
                                    + "value greater than or equal to 60");
                });
        assertThatThrownBy(() -> lambda.updateFunctionEventInvokeConfig(
                        b -> b.functionName(fn).maximumEventAgeInSeconds(21_601)))
                .hasMessageContaining(
                        "Value '21601' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member "
                                + "must have value less than or equal to 21600");
    }

    @Test
    void destinationsMustBeQueuesThatExist() {
        String fn = function();
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(b -> b.functionName(fn)))
                .isInstanceOfSatisfying(
                        InvalidParameterValueException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("You must specify at least one of error handling or destination setting."));
        String missing = "arn:aws:sqs:us-east-1:000000000000:" + TestNames.unique("missing");
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(
                        b -> b.functionName(fn).destinationConfig(d -> d.onFailure(f -> f.destination(missing)))))
                .isInstanceOfSatisfying(
                        InvalidParameterValueException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("The destination ARN " + missing + " is invalid."));
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(b ->
                        b.functionName(fn).destinationConfig(d -> d.onSuccess(s -> s.destination(ARN + fn)))))
                .isInstanceOfSatisfying(
                        InvalidParameterValueException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("You can't specify the function as a destination for itself."));
        for (String other : new String[] {
            "arn:aws:sns:us-east-1:000000000000:topic",
            "arn:aws:events:us-east-1:000000000000:event-bus/default",
            ARN + "other",
            "arn:aws:s3:::bucket"
        }) {
            assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(
                            b -> b.functionName(fn).destinationConfig(d -> d.onFailure(f -> f.destination(other)))))
                    .isInstanceOfSatisfying(
                            InvalidParameterValueException.class,
                            e -> assertThat(e.awsErrorDetails().errorMessage())
                                    .startsWith(
                                            "Eddy delivers the results of asynchronous invocations to Amazon SQS queues only")
                                    .endsWith(other));
        }
        String table = "arn:aws:dynamodb:us-east-1:000000000000:table/t";
        assertThatThrownBy(() -> lambda.putFunctionEventInvokeConfig(
                        b -> b.functionName(fn).destinationConfig(d -> d.onSuccess(s -> s.destination(table)))))
                .hasMessageContaining(
                        "The provided destination config DestinationConfig(onSuccess=OnSuccess(destination=" + table
                                + "), onFailure=null) is invalid.");
        assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(b -> b.functionName("nope-" + fn)))
                .isInstanceOfSatisfying(
                        ResourceNotFoundException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Function not found: " + ARN + "nope-" + fn + ":$LATEST"));
    }

    @Test
    void aConfigurationGoesWithItsFunction() {
        String fn = function();
        lambda.putFunctionEventInvokeConfig(b -> b.functionName(fn).maximumRetryAttempts(1));
        lambda.deleteFunction(b -> b.functionName(fn));
        assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(b -> b.functionName(fn)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Function not found");
        Lambdas.deploy(lambda, fn, "handlers", "example.Echo");
        assertThatThrownBy(() -> lambda.getFunctionEventInvokeConfig(b -> b.functionName(fn)))
                .hasMessageContaining("doesn't have an EventInvokeConfig");
    }

    @Test
    void theDeadLetterQueueIsAQueueOfTheFunctionsConfiguration() {
        String dlq = queue();
        String fn = TestNames.unique("dlq");
        Lambdas.deploy(lambda, fn, "handlers", "example.Echo", b -> b.deadLetterConfig(d -> d.targetArn(dlq)));
        assertThat(lambda.getFunctionConfiguration(b -> b.functionName(fn))
                        .deadLetterConfig()
                        .targetArn())
                .isEqualTo(dlq);

        String missing = "arn:aws:sqs:us-east-1:000000000000:" + TestNames.unique("gone");
        assertThatThrownBy(() -> lambda.updateFunctionConfiguration(
                        b -> b.functionName(fn).deadLetterConfig(d -> d.targetArn(missing))))
                .isInstanceOfSatisfying(
                        InvalidParameterValueException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo(
                                        "The provided execution role does not have permissions to call SendMessage on SQS"));
        assertThatThrownBy(() -> lambda.createFunction(b -> b.functionName(TestNames.unique("snsdlq"))
                        .runtime("java21")
                        .role(Lambdas.ROLE)
                        .handler("example.Echo")
                        .code(c -> c.zipFile(Lambdas.jar("handlers")))
                        .deadLetterConfig(d -> d.targetArn("arn:aws:sns:us-east-1:000000000000:topic"))))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageContaining("only Amazon SQS queues as dead-letter queues");

        lambda.updateFunctionConfiguration(b -> b.functionName(fn).deadLetterConfig(d -> d.targetArn("")));
        assertThat(Lambdas.awaitActive(lambda, fn).deadLetterConfig()).isNull();
    }
}
