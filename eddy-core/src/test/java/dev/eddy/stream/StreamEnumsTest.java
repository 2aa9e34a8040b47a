package dev.eddy.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The stream package's AWS enumerations, as the Streams and Lambda models define them. */
class StreamEnumsTest {

    @Test
    void shardIteratorTypes() {
        roundTrip(
                ShardIteratorType.values(),
                ShardIteratorType::fromWire,
                List.of("TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER"));
        assertThat(ShardIteratorType.TRIM_HORIZON.needsSequence()).isFalse();
        assertThat(ShardIteratorType.LATEST.needsSequence()).isFalse();
        assertThat(ShardIteratorType.AT_SEQUENCE_NUMBER.needsSequence()).isTrue();
        assertThat(ShardIteratorType.AFTER_SEQUENCE_NUMBER.needsSequence()).isTrue();
    }

    @Test
    void startingPositions() {
        roundTrip(
                StartingPosition.values(),
                StartingPosition::fromWire,
                List.of("TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"));
        assertThat(StartingPosition.TRIM_HORIZON.shardIteratorType()).isEqualTo(ShardIteratorType.TRIM_HORIZON);
        assertThat(StartingPosition.LATEST.shardIteratorType()).isEqualTo(ShardIteratorType.LATEST);
        assertThat(StartingPosition.TRIM_HORIZON.supportedByStreams()).isTrue();
        assertThat(StartingPosition.LATEST.supportedByStreams()).isTrue();
        assertThat(StartingPosition.AT_TIMESTAMP.supportedByStreams()).isFalse();
        assertThatThrownBy(StartingPosition.AT_TIMESTAMP::shardIteratorType).isInstanceOf(IllegalStateException.class);
    }

    private static <E extends Enum<E>> void roundTrip(E[] values, Function<String, E> fromWire, List<String> model) {
        assertThat(Arrays.stream(values).map(Enum::name)).containsExactlyInAnyOrderElementsOf(model);
        for (E v : values) {
            assertThat(fromWire.apply(v.name())).isSameAs(v);
        }
        assertThat(fromWire.apply(null)).isNull();
        for (String wrong : List.of("", "bogus", model.getFirst().toLowerCase(), " " + model.getFirst())) {
            assertThatThrownBy(() -> fromWire.apply(wrong))
                    .as("'%s'", wrong)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
