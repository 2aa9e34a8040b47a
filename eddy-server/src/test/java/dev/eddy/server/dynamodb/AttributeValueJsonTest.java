package dev.eddy.server.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.item.AttributeValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Items embedded in response trees: the UTF-8 form gives the answer the text form gives. */
class AttributeValueJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void utf8ItemsWriteTheSameAnswerAsTextItems() throws Exception {
        for (int size : new int[] {0, 10, 7_990, 8_000, 20_000}) {
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            item.put("id", new AttributeValue.S("k\u00e9\ud83d\ude00\"\n"));
            item.put("payload", new AttributeValue.S("x".repeat(size)));
            item.put("l", new AttributeValue.L(List.of(AttributeValue.n(5), AttributeValue.b(new byte[] {1, 2}))));
            ObjectNode text = answer().putRawValue("Item", AttributeValueJson.raw(item));
            ObjectNode utf8 = answer().putRawValue("Item", AttributeValueJson.rawUtf8(item));
            text.put("After", 1);
            utf8.put("After", 1);
            // a byte generator (the front door's) and a text one
            assertThat(JSON.writeValueAsBytes(utf8)).as("size %d", size).isEqualTo(JSON.writeValueAsBytes(text));
            assertThat(JSON.writeValueAsString(utf8)).as("size %d", size).isEqualTo(JSON.writeValueAsString(text));
        }
    }

    /** An answer with something before the item, so that the item starts inside the buffer. */
    private static ObjectNode answer() {
        return JsonNodeFactory.instance.objectNode().put("Before", "y".repeat(100));
    }
}
