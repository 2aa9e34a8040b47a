package dev.eddy.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the stored form of items (format 1): every type tag, nesting, non-ASCII text, numbers in
 * their canonical form. Data directories depend on these bytes; a change here must add a format,
 * not alter this one.
 */
class StoredItemFormatTest {
    static final String GOLDEN =
            "010b02696401096bc3a97920f09f9880036e756d020301830362696e03030001ff0379657304026e6f05076e6f7468696e6706046c6973740702010002000101036d6170080205696e6e6572010178016e02060101027373090201610162026e730a020001010009056bc75e2d630fffff0262730b010107";

    static Map<String, AttributeValue> sample() {
        Map<String, AttributeValue> nested = new LinkedHashMap<>();
        nested.put("inner", new AttributeValue.S("x"));
        nested.put("n", new AttributeValue.N(new BigDecimal("0.001")));
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("id", new AttributeValue.S("k\u00e9y \ud83d\ude00"));
        item.put("num", new AttributeValue.N(new BigDecimal("-12.5E+3")));
        item.put("bin", new AttributeValue.B(new byte[] {0, 1, (byte) 0xFF}));
        item.put("yes", new AttributeValue.Bool(true));
        item.put("no", new AttributeValue.Bool(false));
        item.put("nothing", AttributeValue.NULL);
        item.put("list", new AttributeValue.L(List.of(new AttributeValue.S(""), new AttributeValue.N(BigDecimal.ONE))));
        item.put("map", new AttributeValue.M(nested));
        item.put("ss", new AttributeValue.SS(List.of("a", "b")));
        item.put("ns", new AttributeValue.NS(List.of(new BigDecimal("1"), new BigDecimal("99999999999999999999"))));
        item.put("bs", new AttributeValue.BS(List.of(new AttributeValue.B(new byte[] {7}))));
        return item;
    }

    @Test
    void todaysBytesStillDecodeToTheSameItem() {
        assertThat(ItemCodec.decode(HexFormat.of().parseHex(GOLDEN))).isEqualTo(sample());
    }

    @Test
    void theEncoderStillWritesTodaysBytes() {
        assertThat(HexFormat.of().formatHex(ItemCodec.encode(sample()))).isEqualTo(GOLDEN);
    }
}
