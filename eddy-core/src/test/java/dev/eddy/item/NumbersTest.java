package dev.eddy.item;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.error.EddyException;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The number forms DynamoDB accepts, scanned without a regular expression, agree with the grammar. */
class NumbersTest {
    private static final Pattern GRAMMAR = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    @Test
    void theScannerAgreesWithTheGrammar() {
        List<String> texts = List.of(
                "0",
                "1",
                "-1",
                "+1",
                "1.",
                ".5",
                "-.5",
                "+.5",
                "1.5",
                "10",
                "1e5",
                "1E5",
                "1e+5",
                "1e-5",
                "1.5e10",
                ".5e1",
                "1.e2",
                "",
                "+",
                "-",
                ".",
                "+.",
                "e5",
                "1e",
                "1e+",
                "1e-",
                "1.5.5",
                " 1",
                "1 ",
                "1 0",
                "0x10",
                "Infinity",
                "NaN",
                "1e5e5",
                "--1",
                "+-1",
                "1f",
                "١",
                "1_000",
                ".e1",
                "1..2");
        for (String t : texts) {
            assertThat(Numbers.wellFormed(t)).as(t).isEqualTo(GRAMMAR.matcher(t).matches());
        }
    }

    @Test
    void parseNormalisesAndRejectsWithDynamoDbsMessage() {
        assertThat(Numbers.parse("1.50")).isEqualTo(new BigDecimal("1.5"));
        assertThat(Numbers.parse("-0.0")).isEqualTo(BigDecimal.ZERO);
        assertThatThrownBy(() -> Numbers.parse(" 1"))
                .isInstanceOf(EddyException.class)
                .hasMessage("The parameter cannot be converted to a numeric value:  1");
        assertThatThrownBy(() -> Numbers.parse("1e"))
                .isInstanceOf(EddyException.class)
                .hasMessage("The parameter cannot be converted to a numeric value: 1e");
    }
}
