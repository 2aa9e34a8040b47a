package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.TestNames;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingRequest;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.ResourceConflictException;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;

/** Every validation error of the event source mapping API, with its type, status and exact message. */
class EventSourceMappingErrorsTest extends InMemoryServerTest {
    static LambdaClient lambda;
    static String fn;
    static String stream;

    @BeforeAll
    static void deploy() {
        lambda = Lambdas.client(server);
        fn = TestNames.unique("esmerr");
        Lambdas.deploy(lambda, fn, "handlers", "example.Echo");
        stream = Mappings.streamedTable(ddb);
    }

    @AfterAll
    static void close() {
        lambda.close();
    }

    /** The error a create with the valid base request changed by {@code change} fails with. */
    static AwsServiceException createFails(Consumer<CreateEventSourceMappingRequest.Builder> change) {
        try {
            lambda.createEventSourceMapping(b -> {
                b.eventSourceArn(stream).functionName(fn).startingPosition("TRIM_HORIZON");
                change.accept(b);
            });
        } catch (AwsServiceException e) {
            return e;
        }
        throw new AssertionError("the create succeeded");
    }

    static void assertInvalid(Consumer<CreateEventSourceMappingRequest.Builder> change, String message) {
        AwsServiceException e = createFails(change);
        assertThat(e).isInstanceOf(InvalidParameterValueException.class);
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    }

    static void assertViolation(Consumer<CreateEventSourceMappingRequest.Builder> change, String message) {
        AwsServiceException e = createFails(change);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
    }

    @Test
    void theStartingPositionIsRequiredAndNotAtTimestamp() {
        assertInvalid(
                b -> b.startingPosition((String) null),
                "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: "
                        + "Member must not be null.");
        assertInvalid(b -> b.startingPosition("AT_TIMESTAMP"), "Unsupported starting position for arn type: " + stream);
        assertViolation(
                b -> b.startingPosition("OLDEST"),
                "1 validation error detected: Value 'OLDEST' at 'startingPosition' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]");
    }

    @Test
    void theStreamAndTheFunctionMustExist() {
        assertInvalid(b -> b.eventSourceArn(null), "Unrecognized event source.");
        String missing = stream.replaceAll("table/[^/]+/", "table/nosuchtable/");
        assertInvalid(b -> b.eventSourceArn(missing), "Stream not found: " + missing);
        assertInvalid(b -> b.functionName("nosuchfunction"), "Function does not exist");
        assertInvalid(b -> b.functionName(fn + ":7"), "Function does not exist");
        assertInvalid(
                b -> b.functionName("arn:aws:lambda:us-east-1:111111111111:function:" + fn), "Function does not exist");
        assertViolation(
                b -> b.functionName(null),
                "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void everyNumberIsCheckedAgainstItsRange() {
        assertViolation(
                b -> b.batchSize(0),
                "1 validation error detected: Value '0' at 'batchSize' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
        assertViolation(
                b -> b.batchSize(10_001),
                "1 validation error detected: Value '10001' at 'batchSize' failed to satisfy constraint: "
                        + "Member must have value less than or equal to 10000");
        assertViolation(
                b -> b.maximumBatchingWindowInSeconds(301).parallelizationFactor(11),
                "2 validation errors detected: Value '301' at 'maximumBatchingWindowInSeconds' failed to satisfy "
                        + "constraint: Member must have value less than or equal to 300; Value '11' at "
                        + "'parallelizationFactor' failed to satisfy constraint: Member must have value less than "
                        + "or equal to 10");
        assertViolation(
                b -> b.maximumRetryAttempts(-2),
                "1 validation error detected: Value '-2' at 'maximumRetryAttempts' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to -1");
        assertViolation(
                b -> b.maximumRecordAgeInSeconds(604_801),
                "1 validation error detected: Value '604801' at 'maximumRecordAgeInSeconds' failed to satisfy "
                        + "constraint: Member must have value less than or equal to 604800");
        assertInvalid(
                b -> b.maximumRecordAgeInSeconds(59),
                "MaximumRecordAgeInSeconds must be -1 (infinite) or between 60 and 604800, was 59");
        assertViolation(
                b -> b.tumblingWindowInSeconds(901),
                "1 validation error detected: Value '901' at 'tumblingWindowInSeconds' failed to satisfy "
                        + "constraint: Member must have value less than or equal to 900");
        assertViolation(
                b -> b.functionResponseTypesWithStrings("Everything"),
                "1 validation error detected: Value '[Everything]' at 'functionResponseTypes' failed to satisfy "
                        + "constraint: Member must satisfy constraint: [Member must satisfy enum value set: "
                        + "[ReportBatchItemFailures]]");
    }

    @Test
    void filtersAreCheckedWithTheEventPatternCompiler() {
        assertInvalid(
                b -> b.filterCriteria(f -> f.filters(Mappings.pattern("{\"eventName\":"))),
                "Invalid filter pattern definition.");
        assertInvalid(
                b -> b.filterCriteria(f -> f.filters(Mappings.pattern("{\"eventName\":\"INSERT\"}"))),
                "Invalid filter pattern definition.");
        assertInvalid(
                b -> b.filterCriteria(f -> f.filters(
                        Mappings.pattern("{\"a\":[\"1\"]}"),
                        Mappings.pattern("{\"a\":[\"2\"]}"),
                        Mappings.pattern("{\"a\":[\"3\"]}"),
                        Mappings.pattern("{\"a\":[\"4\"]}"),
                        Mappings.pattern("{\"a\":[\"5\"]}"),
                        Mappings.pattern("{\"a\":[\"6\"]}"))),
                "The maximum number of filters per event source mapping is 5.");
    }

    @Test
    void onFailureDestinationsAreExistingSqsQueuesOnly() {
        String queue = "arn:aws:sqs:us-east-1:000000000000:failures";
        // no queue of that name exists
        assertInvalid(
                b -> b.destinationConfig(d -> d.onFailure(o -> o.destination(queue))),
                "The destination ARN " + queue + " is invalid.");
        String topic = "arn:aws:sns:us-east-1:000000000000:failures";
        assertInvalid(
                b -> b.destinationConfig(d -> d.onFailure(o -> o.destination(topic))),
                "Eddy supports only Amazon SQS queues as on-failure destinations of event source mappings; "
                        + "SNS topics and S3 buckets are not supported: " + topic);
        assertInvalid(
                b -> b.destinationConfig(d -> d.onFailure(o -> o.destination("arn:aws:s3:::bucket"))),
                "Eddy supports only Amazon SQS queues as on-failure destinations of event source mappings; "
                        + "SNS topics and S3 buckets are not supported: arn:aws:s3:::bucket");
        assertInvalid(
                b -> b.destinationConfig(d -> d.onSuccess(o -> o.destination(queue))),
                "Unsupported DestinationConfig parameter for given event source mapping type.");
    }

    @Test
    void aSecondMappingOfTheSameStreamAndFunctionConflicts() {
        String own = Mappings.streamedTable(ddb);
        String uuid = lambda.createEventSourceMapping(
                        b -> b.eventSourceArn(own).functionName(fn).startingPosition("LATEST"))
                .uuid();
        assertThatThrownBy(() -> lambda.createEventSourceMapping(
                        b -> b.eventSourceArn(own).functionName(fn).startingPosition("LATEST")))
                .isInstanceOfSatisfying(ResourceConflictException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The event source arn (\" " + own + " \") and function (\" " + fn
                                    + " \") provided mapping already exists. Please update or delete the existing "
                                    + "mapping with UUID " + uuid);
                });
    }

    @Test
    void anUnknownUuidIsNotFound() {
        String uuid = "00000000-0000-0000-0000-000000000000";
        for (Runnable call : new Runnable[] {
            () -> lambda.getEventSourceMapping(b -> b.uuid(uuid)),
            () -> lambda.updateEventSourceMapping(b -> b.uuid(uuid).batchSize(5)),
            () -> lambda.deleteEventSourceMapping(b -> b.uuid(uuid))
        }) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                assertThat(e.statusCode()).isEqualTo(404);
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The resource you requested does not exist.");
            });
        }
    }

    @Test
    void updatesAreValidatedLikeCreates() {
        String own = Mappings.streamedTable(ddb);
        String uuid = lambda.createEventSourceMapping(
                        b -> b.eventSourceArn(own).functionName(fn).startingPosition("LATEST"))
                .uuid();
        Mappings.awaitState(lambda, uuid, "Enabled");
        assertThatThrownBy(
                        () -> lambda.updateEventSourceMapping(b -> b.uuid(uuid).batchSize(0)))
                .isInstanceOf(LambdaException.class)
                .hasMessageStartingWith("1 validation error detected: Value '0' at 'batchSize'");
        assertThatThrownBy(
                        () -> lambda.updateEventSourceMapping(b -> b.uuid(uuid).functionName("nosuchfunction")))
                .isInstanceOf(InvalidParameterValueException.class)
                .hasMessageStartingWith("Function does not exist");
        assertThat(lambda.getEventSourceMapping(b -> b.uuid(uuid)).batchSize()).isEqualTo(100);
    }
}
