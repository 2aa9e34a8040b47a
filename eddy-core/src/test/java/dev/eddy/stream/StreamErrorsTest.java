package dev.eddy.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.arn.Account;
import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.item.AttributeValue;
import dev.eddy.store.MemoryStore;
import dev.eddy.table.BillingMode;
import dev.eddy.table.CreateTable;
import dev.eddy.table.StreamViewType;
import dev.eddy.table.TableEngine;
import dev.eddy.table.TableMeta;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Streams API's errors: their messages, and the stream, shard and sequence number they concern. */
class StreamErrorsTest {
    private static final Account ACCOUNT = new Account("us-east-1", "000000000000");
    private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-03-01T00:00:00Z"));
    private final MemoryStore store = new MemoryStore();
    private final ChangeLog log =
            new ChangeLog(store, clock, ACCOUNT, StreamConfig.defaults().withShardsPerTable(1));
    private final TableEngine engine = new TableEngine(store, clock, ACCOUNT, List.of(log.maintainer()));
    private final Arn.Stream orders;

    StreamErrorsTest() {
        TableMeta t = engine.createTable(new CreateTable(
                "orders",
                List.of(new CreateTable.KeyElement("id", "HASH")),
                Map.of("id", AttributeValue.Type.S),
                BillingMode.PAY_PER_REQUEST,
                null,
                null,
                List.of(),
                List.of(),
                true,
                StreamViewType.KEYS_ONLY,
                Map.of(),
                false,
                null));
        orders = ACCOUNT.stream("orders", t.latestStreamLabel());
    }

    @Test
    void anArnOfAnotherShapeOrPartitionIsInvalid() {
        for (String arn : List.of(
                "not-an-arn-but-long-enough-for-the-model-xx",
                ACCOUNT.table("orders").toString(),
                orders.toString().replace("arn:aws:", "arn:aws-cn:"))) {
            assertThatThrownBy(() -> log.api().describe(arn, 100, null, null))
                    .as(arn)
                    .isInstanceOfSatisfying(EddyException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                        assertThat(e).hasMessage("Invalid StreamArn");
                    });
        }
    }

    @Test
    void aStreamOfAnotherAccountOrTableIsNotFoundAndNamed() {
        Arn.Stream foreign = new Account("us-east-1", "111122223333").stream("orders", orders.label());
        Arn.Stream missing = ACCOUNT.stream("nothing", orders.label());
        for (Arn.Stream arn : List.of(foreign, missing)) {
            assertThatThrownBy(() -> log.api().describe(arn.toString(), 100, null, null))
                    .isInstanceOfSatisfying(EddyException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
                        assertThat(e).hasMessage("Requested resource not found: Stream: " + arn + " not found");
                        assertThat(e.streamArn()).contains(arn);
                    });
        }
    }

    @Test
    void aMissingShardIsNamedWithItsStream() {
        String shard = "shardId-00000000000000000000-00000000";
        assertThatThrownBy(() -> log.api().shardIterator(orders.toString(), shard, ShardIteratorType.LATEST, null))
                .isInstanceOfSatisfying(EddyException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
                    assertThat(e)
                            .hasMessage("Requested resource not found: Shard: " + shard + " in Stream: " + orders
                                    + " not found");
                    assertThat(e.streamArn()).contains(orders);
                    assertThat(e.shardId()).contains(shard);
                });
    }

    @Test
    void aSequenceNumberOutsideTheShardIsNamedWithItsShard() {
        String shard = log.api()
                .describe(orders.toString(), 100, null, null)
                .shards()
                .getFirst()
                .shardId();
        String seq = "000000000000000000005";
        assertThatThrownBy(() ->
                        log.api().shardIterator(orders.toString(), shard, ShardIteratorType.AT_SEQUENCE_NUMBER, seq))
                .isInstanceOfSatisfying(EddyException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
                    assertThat(e).hasMessage("Invalid SequenceNumber " + seq + " for shard " + shard);
                    assertThat(e.streamArn()).contains(orders);
                    assertThat(e.shardId()).contains(shard);
                    assertThat(e.sequenceNumber()).contains(seq);
                });
    }

    @Test
    void listingStreamsAfterAnArnOfAnotherShapeIsInvalid() {
        assertThatThrownBy(() ->
                        log.api().listStreams(null, ACCOUNT.table("orders").toString(), 10))
                .isInstanceOfSatisfying(
                        EddyException.class, e -> assertThat(e).hasMessage("Invalid ExclusiveStartStreamArn"));
        assertThat(log.api().listStreams(null, orders.toString(), 10).items()).isEmpty();
        assertThat(log.api().listStreams(null, null, 10).items())
                .extracting(StreamSummary::streamArn)
                .containsExactly(orders.toString());
    }
}
