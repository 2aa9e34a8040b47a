package dev.eddy.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The table package's AWS enumerations: exactly the values of DynamoDB's model, each read back
 * from the name it is written as, and nothing else read at all.
 */
class WireEnumsTest {

    @Test
    void billingModes() {
        roundTrip(BillingMode.values(), BillingMode::fromWire, List.of("PROVISIONED", "PAY_PER_REQUEST"));
    }

    @Test
    void streamViewTypes() {
        roundTrip(
                StreamViewType.values(),
                StreamViewType::fromWire,
                List.of("NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY"));
    }

    @Test
    void tableStatuses() {
        roundTrip(
                TableStatus.values(),
                TableStatus::fromWire,
                List.of(
                        "CREATING",
                        "UPDATING",
                        "DELETING",
                        "ACTIVE",
                        "INACCESSIBLE_ENCRYPTION_CREDENTIALS",
                        "ARCHIVING",
                        "ARCHIVED",
                        "REPLICATION_NOT_AUTHORIZED"));
    }

    @Test
    void indexStatuses() {
        roundTrip(IndexStatus.values(), IndexStatus::fromWire, List.of("CREATING", "UPDATING", "DELETING", "ACTIVE"));
    }

    @Test
    void theImagesEachViewTypeCarries() {
        assertThat(StreamViewType.KEYS_ONLY.hasNewImage()).isFalse();
        assertThat(StreamViewType.KEYS_ONLY.hasOldImage()).isFalse();
        assertThat(StreamViewType.NEW_IMAGE.hasNewImage()).isTrue();
        assertThat(StreamViewType.NEW_IMAGE.hasOldImage()).isFalse();
        assertThat(StreamViewType.OLD_IMAGE.hasNewImage()).isFalse();
        assertThat(StreamViewType.OLD_IMAGE.hasOldImage()).isTrue();
        assertThat(StreamViewType.NEW_AND_OLD_IMAGES.hasNewImage()).isTrue();
        assertThat(StreamViewType.NEW_AND_OLD_IMAGES.hasOldImage()).isTrue();
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
