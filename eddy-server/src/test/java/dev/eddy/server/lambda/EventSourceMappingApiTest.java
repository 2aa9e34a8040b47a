package dev.eddy.server.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.server.InMemoryServerTest;
import dev.eddy.testkit.EddyClients;
import dev.eddy.testkit.TestNames;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateEventSourceMappingResponse;
import software.amazon.awssdk.services.lambda.model.EventSourcePosition;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The event source mapping API: response shape and defaults, states, update, delete, FunctionName forms. */
class EventSourceMappingApiTest extends InMemoryServerTest {
    static LambdaClient lambda;
    static String fn;
    static String other;

    @BeforeAll
    static void deploy() {
        lambda = Lambdas.client(server);
        fn = TestNames.unique("esmfn");
        other = TestNames.unique("esmother");
        Lambdas.deploy(lambda, fn, "handlers", "example.Echo");
        Lambdas.deploy(lambda, other, "handlers", "example.Echo");
    }

    @AfterAll
    static void close() {
        lambda.close();
    }

    static CreateEventSourceMappingResponse create(String stream, String function) {
        return lambda.createEventSourceMapping(b ->
                b.eventSourceArn(stream).functionName(function).startingPosition(EventSourcePosition.TRIM_HORIZON));
    }

    @Test
    void anOnFailureQueueThatExistsIsAccepted() {
        String queueName = TestNames.unique("esm-failures");
        String queueArn;
        try (SqsClient sqs = EddyClients.sqs(server.endpoint())) {
            String url = sqs.createQueue(b -> b.queueName(queueName)).queueUrl();
            queueArn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes()
                    .get(QueueAttributeName.QUEUE_ARN);
        }
        CreateEventSourceMappingResponse m =
                lambda.createEventSourceMapping(b -> b.eventSourceArn(Mappings.streamedTable(ddb))
                        .functionName(fn)
                        .startingPosition(EventSourcePosition.TRIM_HORIZON)
                        .destinationConfig(d -> d.onFailure(o -> o.destination(queueArn))));
        assertThat(m.destinationConfig().onFailure().destination()).isEqualTo(queueArn);
        assertThat(lambda.getEventSourceMapping(b -> b.uuid(m.uuid()))
                        .destinationConfig()
                        .onFailure()
                        .destination())
                .isEqualTo(queueArn);
    }

    @Test
    void createAnswersCreatingWithLambdasDefaultsThenSettlesEnabled() {
        String stream = Mappings.streamedTable(ddb);
        Instant before = Instant.now().minusSeconds(1);
        CreateEventSourceMappingResponse m = create(stream, fn);
        assertThat(m.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertThat(m.uuid()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(m.eventSourceMappingArn())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:event-source-mapping:" + m.uuid());
        assertThat(m.eventSourceArn()).isEqualTo(stream);
        assertThat(m.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:" + fn);
        assertThat(m.startingPosition()).isEqualTo(EventSourcePosition.TRIM_HORIZON);
        assertThat(m.batchSize()).isEqualTo(100);
        assertThat(m.maximumBatchingWindowInSeconds()).isZero();
        assertThat(m.parallelizationFactor()).isEqualTo(1);
        assertThat(m.maximumRetryAttempts()).isEqualTo(-1);
        assertThat(m.maximumRecordAgeInSeconds()).isEqualTo(-1);
        assertThat(m.bisectBatchOnFunctionError()).isFalse();
        assertThat(m.tumblingWindowInSeconds()).isZero();
        assertThat(m.functionResponseTypes()).isEmpty();
        assertThat(m.destinationConfig().onFailure().destination()).isNull();
        assertThat(m.filterCriteria()).isNull();
        assertThat(m.lastProcessingResult()).isEqualTo("No records processed");
        assertThat(m.state()).isEqualTo("Creating");
        assertThat(m.stateTransitionReason()).isEqualTo("User action");
        assertThat(m.lastModified()).isAfter(before).isBefore(Instant.now().plusSeconds(1));

        var settled = Mappings.awaitState(lambda, m.uuid(), "Enabled");
        assertThat(settled.lastModified()).isAfterOrEqualTo(m.lastModified());
        assertThat(settled.batchSize()).isEqualTo(100);
    }

    @Test
    void lastModifiedIsEpochSecondsWithMilliseconds() throws Exception {
        String stream = Mappings.streamedTable(ddb);
        String uuid = create(stream, fn).uuid();
        var raw = RawHttp.send(server, "GET", "/2015-03-31/event-source-mappings/" + uuid, null);
        assertThat(raw.statusCode()).isEqualTo(200);
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(raw.body());
        assertThat(node.get("LastModified").isNumber()).isTrue();
        assertThat(node.get("LastModified").decimalValue().scale()).isLessThanOrEqualTo(3);
        assertThat(node.get("LastModified").decimalValue()).isGreaterThan(BigDecimal.valueOf(1_700_000_000L));
        assertThat(node.get("DestinationConfig").toString()).isEqualTo("{\"OnFailure\":{}}");
    }

    @Test
    void everySettingIsKeptAsGiven() {
        String stream = Mappings.streamedTable(ddb);
        var m = lambda.createEventSourceMapping(b -> b.eventSourceArn(stream)
                .functionName(fn)
                .startingPosition(EventSourcePosition.LATEST)
                .enabled(false)
                .batchSize(10_000)
                .maximumBatchingWindowInSeconds(300)
                .parallelizationFactor(10)
                .maximumRetryAttempts(10_000)
                .maximumRecordAgeInSeconds(60)
                .bisectBatchOnFunctionError(true)
                .tumblingWindowInSeconds(900)
                .functionResponseTypesWithStrings("ReportBatchItemFailures")
                .filterCriteria(f -> f.filters(Mappings.pattern("{\"eventName\":[\"INSERT\"]}")))
                .metricsConfig(c -> c.metricsWithStrings("EventCount"))
                .tags(Map.of("team", "a")));
        var got = Mappings.awaitState(lambda, m.uuid(), "Disabled");
        assertThat(got.startingPosition()).isEqualTo(EventSourcePosition.LATEST);
        assertThat(got.batchSize()).isEqualTo(10_000);
        assertThat(got.maximumBatchingWindowInSeconds()).isEqualTo(300);
        assertThat(got.parallelizationFactor()).isEqualTo(10);
        assertThat(got.maximumRetryAttempts()).isEqualTo(10_000);
        assertThat(got.maximumRecordAgeInSeconds()).isEqualTo(60);
        assertThat(got.bisectBatchOnFunctionError()).isTrue();
        assertThat(got.tumblingWindowInSeconds()).isEqualTo(900);
        assertThat(got.functionResponseTypesAsStrings()).containsExactly("ReportBatchItemFailures");
        assertThat(got.filterCriteria().filters().get(0).pattern()).isEqualTo("{\"eventName\":[\"INSERT\"]}");
        assertThat(got.metricsConfig().metricsAsStrings()).containsExactly("EventCount");
    }

    @Test
    void updateChangesOnlyWhatItNamesAndMovesThroughItsStates() {
        String stream = Mappings.streamedTable(ddb);
        String uuid = lambda.createEventSourceMapping(b -> b.eventSourceArn(stream)
                        .functionName(fn)
                        .startingPosition(EventSourcePosition.TRIM_HORIZON)
                        .batchSize(7)
                        .filterCriteria(f -> f.filters(Mappings.pattern("{\"eventName\":[\"INSERT\"]}"))))
                .uuid();
        Mappings.awaitState(lambda, uuid, "Enabled");

        var updated = lambda.updateEventSourceMapping(b -> b.uuid(uuid).maximumRetryAttempts(3));
        assertThat(updated.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertThat(updated.state()).isEqualTo("Updating");
        assertThat(updated.maximumRetryAttempts()).isEqualTo(3);
        assertThat(updated.batchSize()).isEqualTo(7);
        assertThat(updated.filterCriteria().filters()).hasSize(1);
        Mappings.awaitState(lambda, uuid, "Enabled");

        assertThat(lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(false))
                        .state())
                .isEqualTo("Disabling");
        Mappings.awaitState(lambda, uuid, "Disabled");
        assertThat(lambda.updateEventSourceMapping(b -> b.uuid(uuid).enabled(true))
                        .state())
                .isEqualTo("Enabling");
        Mappings.awaitState(lambda, uuid, "Enabled");

        var cleared = lambda.updateEventSourceMapping(b -> b.uuid(uuid).filterCriteria(f -> {}));
        assertThat(cleared.filterCriteria()).isNull();
        Mappings.awaitState(lambda, uuid, "Enabled");

        var moved = lambda.updateEventSourceMapping(b -> b.uuid(uuid).functionName(other));
        assertThat(moved.functionArn()).endsWith(":function:" + other);
        assertThat(moved.batchSize()).isEqualTo(7);
        assertThat(moved.maximumRetryAttempts()).isEqualTo(3);
    }

    @Test
    void deleteAnswersDeletingAndTheMappingDisappears() {
        String stream = Mappings.streamedTable(ddb);
        String uuid = create(stream, fn).uuid();
        Mappings.awaitState(lambda, uuid, "Enabled");
        var deleted = lambda.deleteEventSourceMapping(b -> b.uuid(uuid));
        assertThat(deleted.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertThat(deleted.state()).isEqualTo("Deleting");
        assertThat(deleted.batchSize()).isEqualTo(100);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThatThrownBy(() -> lambda.getEventSourceMapping(b -> b.uuid(uuid)))
                        .isInstanceOf(ResourceNotFoundException.class)
                        .hasMessageStartingWith("The resource you requested does not exist."));
        // the pair is free again
        assertThat(create(stream, fn).state()).isEqualTo("Creating");
    }

    @Test
    void functionNameMayBeAPartialOrFullArnOrQualified() {
        String full = "arn:aws:lambda:us-east-1:000000000000:function:" + fn;
        assertThat(create(Mappings.streamedTable(ddb), "000000000000:function:" + fn)
                        .functionArn())
                .isEqualTo(full);
        assertThat(create(Mappings.streamedTable(ddb), full).functionArn()).isEqualTo(full);
        assertThat(create(Mappings.streamedTable(ddb), fn + ":$LATEST").functionArn())
                .isEqualTo(full + ":$LATEST");
    }
}
