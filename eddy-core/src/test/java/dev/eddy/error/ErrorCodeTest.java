package dev.eddy.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.error.ErrorCode.Service;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which service each error belongs to, and how each protocol spells it. */
class ErrorCodeTest {

    @Test
    void lambdaCodesBelongToLambdaAlone() {
        for (ErrorCode c : ErrorCode.values()) {
            boolean lambda = c.name().startsWith("LAMBDA_");
            assertThat(c.service() == Service.LAMBDA).as(c.name()).isEqualTo(lambda);
            if (lambda) {
                assertThat(c.services()).as(c.name()).containsExactly(Service.LAMBDA);
                assertThat(c.type()).as(c.name()).doesNotContain("#");
            }
        }
    }

    @Test
    void streamsAnswersWithDynamoDbsSpellingOfTheErrorsTheyShare() {
        Set<ErrorCode> shared = EnumSet.of(
                ErrorCode.VALIDATION,
                ErrorCode.SERIALIZATION,
                ErrorCode.REQUEST_ENTITY_TOO_LARGE,
                ErrorCode.UNKNOWN_OPERATION,
                ErrorCode.MISSING_AUTHENTICATION_TOKEN,
                ErrorCode.INCOMPLETE_SIGNATURE,
                ErrorCode.INVALID_SIGNATURE,
                ErrorCode.UNRECOGNIZED_CLIENT,
                ErrorCode.RESOURCE_NOT_FOUND,
                ErrorCode.LIMIT_EXCEEDED,
                ErrorCode.INTERNAL_SERVER_ERROR);
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(c.usedBy(Service.STREAMS) && c.usedBy(Service.DYNAMODB))
                    .as(c.name())
                    .isEqualTo(shared.contains(c));
        }
        assertThat(ErrorCode.RESOURCE_NOT_FOUND.service()).isEqualTo(Service.DYNAMODB);
        assertThat(ErrorCode.RESOURCE_NOT_FOUND.services())
                .containsExactlyInAnyOrder(Service.DYNAMODB, Service.STREAMS);
        assertThat(ErrorCode.EXPIRED_ITERATOR.services()).containsExactly(Service.STREAMS);
        assertThat(ErrorCode.TRIMMED_DATA_ACCESS.type())
                .isEqualTo("com.amazonaws.dynamodb.v20120810#TrimmedDataAccessException");
        assertThat(ErrorCode.CONDITIONAL_CHECK_FAILED.usedBy(Service.STREAMS)).isFalse();
        assertThat(ErrorCode.CONDITIONAL_CHECK_FAILED.usedBy(Service.LAMBDA)).isFalse();
    }

    @Test
    void everyCodeIsUsedByItsOwnService() {
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(c.services()).as(c.name()).contains(c.service());
            assertThat(c.usedBy(c.service())).as(c.name()).isTrue();
        }
    }

    @Test
    void theQueryProtocolHasItsOwnSpellingWhereSqsSaysSo() {
        ErrorCode missing = ErrorCode.SQS_QUEUE_DOES_NOT_EXIST;
        assertThat(missing.service()).isEqualTo(Service.SQS);
        assertThat(missing.type()).isEqualTo("com.amazonaws.sqs#QueueDoesNotExist");
        assertThat(missing.shortName()).isEqualTo("QueueDoesNotExist");
        assertThat(missing.queryCode()).isEqualTo("AWS.SimpleQueueService.NonExistentQueue");
        assertThat(missing.httpStatus()).isEqualTo(400);
    }

    @Test
    void otherwiseTheQuerySpellingIsTheShortName() {
        assertThat(ErrorCode.VALIDATION.queryCode()).isEqualTo("ValidationException");
        assertThat(ErrorCode.LAMBDA_TOO_MANY_REQUESTS.queryCode()).isEqualTo("TooManyRequestsException");
        for (ErrorCode c : ErrorCode.values()) {
            if (c.service() != Service.SQS) {
                assertThat(c.queryCode()).as(c.name()).isEqualTo(c.shortName());
            }
        }
    }

    @Test
    void sqsSpellsItsCodesAsTheErrorCatalogueSays() {
        assertThat(ErrorCode.SQS_QUEUE_NAME_EXISTS.shortName()).isEqualTo("QueueNameExists");
        assertThat(ErrorCode.SQS_QUEUE_NAME_EXISTS.queryCode()).isEqualTo("QueueAlreadyExists");
        assertThat(ErrorCode.SQS_PURGE_QUEUE_IN_PROGRESS.httpStatus()).isEqualTo(403);
        assertThat(ErrorCode.SQS_INVALID_PARAMETER_VALUE.queryCode()).isEqualTo("InvalidParameterValue");
        assertThat(ErrorCode.SQS_MISSING_PARAMETER.queryCode()).isEqualTo("MissingParameter");
        assertThat(ErrorCode.SQS_RECEIPT_HANDLE_IS_INVALID.queryCode()).isEqualTo("ReceiptHandleIsInvalid");
        assertThat(ErrorCode.SQS_RECEIPT_HANDLE_IS_INVALID.httpStatus()).isEqualTo(404);
        for (ErrorCode c : ErrorCode.values()) {
            if (c.service() == Service.SQS) {
                assertThat(c.services()).as(c.name()).containsExactly(Service.SQS);
            }
        }
    }
}
