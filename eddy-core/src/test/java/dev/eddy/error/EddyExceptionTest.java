package dev.eddy.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.arn.Account;
import dev.eddy.arn.Arn;
import dev.eddy.item.AttributeValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The factories' codes, messages and details, and the typed fields an error carries. */
class EddyExceptionTest {
    private static final Account ACCOUNT = new Account("eu-west-1", "111122223333");

    @Test
    void aPlainErrorHasNoDetailAndConcernsNothing() {
        EddyException e = EddyException.validation("bad");
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
        assertThat(e).hasMessage("bad");
        assertThat(e.detail()).isEqualTo(ErrorDetail.NONE).isInstanceOf(ErrorDetail.None.class);
        assertThat(e.tableName()).isEmpty();
        assertThat(e.streamArn()).isEmpty();
        assertThat(e.shardId()).isEmpty();
        assertThat(e.sequenceNumber()).isEmpty();
        assertThat(e.functionArn()).isEmpty();
        assertThat(e.getStackTrace()).isEmpty();
    }

    @Test
    void aFailedConditionCarriesTheOldItemInItsOrderWhenAskedFor() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("z", new AttributeValue.S("last letter"));
        item.put("a", new AttributeValue.S("first letter"));
        EddyException e = EddyException.conditionalCheckFailed(item);
        assertThat(e.code()).isEqualTo(ErrorCode.CONDITIONAL_CHECK_FAILED);
        assertThat(e).hasMessage("The conditional request failed");
        assertThat(e.detail())
                .isInstanceOfSatisfying(
                        ErrorDetail.OldItem.class,
                        old -> assertThat(old.item().keySet()).containsExactly("z", "a"));
        assertThat(EddyException.conditionalCheckFailed(null).detail()).isEqualTo(ErrorDetail.NONE);
    }

    @Test
    void aCancelledTransactionListsItsReasonsInTheMessageAndTheDetail() {
        CancellationReason failed = new CancellationReason(
                "ConditionalCheckFailed", "The conditional request failed", Map.of("id", new AttributeValue.S("1")));
        EddyException e = EddyException.transactionCanceled(List.of(CancellationReason.NONE, failed));
        assertThat(e.code()).isEqualTo(ErrorCode.TRANSACTION_CANCELED);
        assertThat(e)
                .hasMessage("Transaction cancelled, please refer cancellation reasons for specific reasons "
                        + "[None, ConditionalCheckFailed]");
        assertThat(e.detail()).isEqualTo(new ErrorDetail.Cancellation(List.of(CancellationReason.NONE, failed)));
    }

    @Test
    void aMissingTableIsNamed() {
        EddyException e = EddyException.tableNotFound("orders");
        assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
        assertThat(e).hasMessage("Requested resource not found: Table: orders not found");
        assertThat(e.tableName()).contains("orders");
    }

    @Test
    void theResourcesAnErrorConcernsAreAddedToACopy() {
        Arn.Stream stream = ACCOUNT.stream("orders", "2026-03-01T00:00:00.000");
        Arn.Function function = ACCOUNT.function("f").withQualifier("$LATEST");
        EddyException plain =
                new EddyException(ErrorCode.TRIMMED_DATA_ACCESS, "gone", new ErrorDetail.Throttle("ignored here"));

        EddyException rich = plain.withTable("orders")
                .withStream(stream)
                .withShard("shardId-1")
                .withSequenceNumber("000000000000000000042")
                .withFunction(function);

        assertThat(rich.code()).isEqualTo(ErrorCode.TRIMMED_DATA_ACCESS);
        assertThat(rich).hasMessage("gone");
        assertThat(rich.detail()).isEqualTo(new ErrorDetail.Throttle("ignored here"));
        assertThat(rich.tableName()).contains("orders");
        assertThat(rich.streamArn()).contains(stream);
        assertThat(rich.shardId()).contains("shardId-1");
        assertThat(rich.sequenceNumber()).contains("000000000000000000042");
        assertThat(rich.functionArn()).contains(function);
        assertThat(plain.tableName()).isEmpty();
        assertThat(plain.streamArn()).isEmpty();
        assertThat(plain.functionArn()).isEmpty();
    }
}
