package dev.eddy.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.stream.StartingPosition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request-only checks of mappings: ranges at their edges, starting positions, filters, destinations. */
class MappingValidationTest {
    static final String STREAM = "arn:aws:dynamodb:us-east-1:000000000000:table/t1/stream/2025-02-22T03:03:03.123";

    static MappingRequest withBatch(Integer batch, Integer window, Integer age) {
        return new MappingRequest(
                STREAM, "f", null, batch, window, "LATEST", null, null, age, null, null, null, null, null, null, null,
                null, null);
    }

    @Test
    void rangesAcceptTheirEdgesAndRefuseOneBeyond() {
        assertThatCode(() -> MappingValidation.checkConstraints(withBatch(1, 0, -1), true))
                .doesNotThrowAnyException();
        assertThatCode(() -> MappingValidation.checkConstraints(withBatch(10_000, 300, 604_800), true))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> MappingValidation.checkConstraints(withBatch(0, -1, -2), true))
                .isInstanceOfSatisfying(EddyException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LAMBDA_VALIDATION);
                    assertThat(e.getMessage())
                            .startsWith("3 validation errors detected: Value '0' at 'batchSize'")
                            .contains("; Value '-1' at 'maximumBatchingWindowInSeconds'")
                            .contains("; Value '-2' at 'maximumRecordAgeInSeconds'");
                });
    }

    @Test
    void aRecordAgeUnderAMinuteIsRefusedButMinusOneAndSixtyPass() {
        MappingSettings base = MappingSettings.DEFAULTS;
        for (int ok : new int[] {-1, 60, 604_800}) {
            assertThatCode(() -> MappingValidation.checkSettings(
                            withBatch(null, null, ok).applyTo(base)))
                    .doesNotThrowAnyException();
        }
        for (int bad : new int[] {0, 59}) {
            assertThatThrownBy(() -> MappingValidation.checkSettings(
                            withBatch(null, null, bad).applyTo(base)))
                    .isInstanceOfSatisfying(
                            EddyException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE));
        }
    }

    @Test
    void streamsStartAtTheTrimHorizonOrTheLatestRecord() {
        assertThat(MappingValidation.startingPosition("LATEST", STREAM)).isEqualTo(StartingPosition.LATEST);
        assertThat(MappingValidation.startingPosition("TRIM_HORIZON", STREAM)).isEqualTo(StartingPosition.TRIM_HORIZON);
        assertThatThrownBy(() -> MappingValidation.startingPosition("AT_TIMESTAMP", STREAM))
                .hasMessage("Unsupported starting position for arn type: " + STREAM);
    }

    @Test
    void patternsAreCompiledByTheEventRuler() {
        for (String ok : List.of(
                "{\"eventName\":[\"INSERT\"]}",
                "{\"dynamodb\":{\"NewImage\":{\"k\":{\"S\":[{\"prefix\":\"a\"}]}}}}",
                "{\"dynamodb\":{\"NewImage\":{\"k\":[{\"exists\":false}]}}}",
                "{\"dynamodb\":{\"ApproximateCreationDateTime\":[{\"numeric\":[\">\",1]}]}}")) {
            assertThatCode(() -> MappingValidation.checkPattern(ok)).doesNotThrowAnyException();
        }
        for (String bad : List.of("", "{", "[]", "{\"eventName\":\"INSERT\"}", "{\"a\":[{\"nosuch\":1}]}")) {
            assertThatThrownBy(() -> MappingValidation.checkPattern(bad))
                    .as(bad)
                    .hasMessage("Invalid filter pattern definition.");
        }
    }

    @Test
    void onlySqsQueuesAreDestinations() {
        assertThat(MappingValidation.onFailureQueue("arn:aws:sqs:us-east-1:000000000000:q")
                        .name())
                .isEqualTo("q");
        assertThatThrownBy(() -> MappingValidation.onFailureQueue("arn:aws:sns:us-east-1:000000000000:t"))
                .hasMessageContaining("SNS topics and S3 buckets are not supported");
        assertThatThrownBy(() -> MappingValidation.onFailureQueue("nonsense"))
                .hasMessage("The provided destination config DestinationConfig(onSuccess=null, "
                        + "onFailure=OnFailure(destination=nonsense)) is invalid.");
    }

    @Test
    void anUpdateKeepsWhatItDoesNotNameAndClearsWhatItEmpties() {
        MappingSettings before = new MappingRequest(
                        null,
                        null,
                        false,
                        7,
                        null,
                        null,
                        null,
                        3,
                        null,
                        null,
                        null,
                        null,
                        "arn:aws:sqs:r:1:q",
                        null,
                        List.of("{}"),
                        null,
                        null,
                        null)
                .applyTo(MappingSettings.DEFAULTS);
        MappingSettings after = new MappingRequest(
                        null, null, null, null, 5, null, null, null, null, null, null, null, "", null, List.of(), null,
                        null, null)
                .applyTo(before);
        assertThat(after.enabled()).isFalse();
        assertThat(after.batchSize()).isEqualTo(7);
        assertThat(after.maximumRetryAttempts()).isEqualTo(3);
        assertThat(after.maximumBatchingWindowInSeconds()).isEqualTo(5);
        assertThat(after.onFailureDestination()).isNull();
        assertThat(after.filterPatterns()).isNull();
    }
}
