package dev.eddy.server.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.queue.MessageAttribute;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageDigestsTest {

    @Test
    void bodyDigestIsTheMd5OfItsUtf8Bytes() {
        assertThat(MessageDigests.ofBody("hello")).isEqualTo("5d41402abc4b2a76b9719d911017c592");
    }

    @Test
    void attributeDigestsMatchTheVectorsAwsReturns() {
        assertThat(MessageDigests.ofAttributes(Map.of("MyAttribute", MessageAttribute.string("foobar"))))
                .isEqualTo("adb59cd4678ea5a855436b949cd07ab6");
        assertThat(MessageDigests.ofAttributes(Map.of("Foo", MessageAttribute.string("Bar"))))
                .isEqualTo("ae7155c6026991b6d54b11589678bf9c");
    }

    @Test
    void attributesAreDigestedInNameOrderWhateverOrderTheyCameIn() {
        Map<String, MessageAttribute> one = new LinkedHashMap<>();
        one.put("b", new MessageAttribute("Binary", null, new byte[] {1, 2}));
        one.put("a", new MessageAttribute("Number.int", "7", null));
        Map<String, MessageAttribute> other = new LinkedHashMap<>();
        other.put("a", one.get("a"));
        other.put("b", one.get("b"));
        assertThat(MessageDigests.ofAttributes(one)).isEqualTo(MessageDigests.ofAttributes(other));
        assertThat(MessageDigests.ofAttributes(Map.of("a", one.get("a"))))
                .isNotEqualTo(MessageDigests.ofAttributes(one));
    }

    @Test
    void noAttributesNoDigest() {
        assertThat(MessageDigests.ofAttributes(Map.of())).isNull();
    }
}
