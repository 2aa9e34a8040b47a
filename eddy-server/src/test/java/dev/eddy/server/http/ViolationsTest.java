package dev.eddy.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ViolationsTest {

    @Test
    void nothingRecordedThrowsNothing() {
        Violations v = new Violations(ErrorCode.VALIDATION);
        v.required("a", "x");
        v.length("b", "abc", 1, 3);
        v.length("c", null, 1, 3);
        v.range("d", 5L, 1, 10);
        v.oneOf("e", "X", Set.of("X"));
        v.pattern("f", "ab", Pattern.compile("[a-z]+"));
        assertThat(v.isEmpty()).isTrue();
        v.throwIfAny();
    }

    @Test
    void oneViolationIsSingular() {
        Violations v = new Violations(ErrorCode.LAMBDA_VALIDATION);
        v.range("maxItems", 0L, 1, 10000);
        assertThatThrownBy(v::throwIfAny).isInstanceOfSatisfying(EddyException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.LAMBDA_VALIDATION);
            assertThat(e.getMessage())
                    .isEqualTo("1 validation error detected: Value '0' at 'maxItems' failed to "
                            + "satisfy constraint: Member must have value greater than or equal to 1");
        });
    }

    @Test
    void severalViolationsAreListedInTheOrderFound() {
        Violations v = new Violations(ErrorCode.VALIDATION);
        v.required("tableName", null);
        v.length("name", "\uD83D\uDE00\uD83D\uDE00", 3, 5); // two code points, four chars
        v.pattern("id", "a b", Pattern.compile("[a-z]+"));
        v.oneOf("type", "SOME", Set.of("ALL"));
        v.add("null", "role", "Member must not be null");
        v.addSensitive("environment.variables", "Member must be small");
        v.size("items", "[]", 0, 1, 25);
        v.range("limit", 101L, 1, 100);
        assertThatThrownBy(v::throwIfAny).isInstanceOfSatisfying(EddyException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION);
            assertThat(e.getMessage())
                    .isEqualTo("8 validation errors detected: "
                            + "Value null at 'tableName' failed to satisfy constraint: Member must not be null; "
                            + "Value '\uD83D\uDE00\uD83D\uDE00' at 'name' failed to satisfy constraint: Member must have "
                            + "length greater than or equal to 3; "
                            + "Value 'a b' at 'id' failed to satisfy constraint: Member must satisfy regular expression "
                            + "pattern: [a-z]+; "
                            + "Value 'SOME' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [ALL]; "
                            + "Value 'null' at 'role' failed to satisfy constraint: Member must not be null; "
                            + "Value at 'environment.variables' failed to satisfy constraint: Member must be small; "
                            + "Value '[]' at 'items' failed to satisfy constraint: Member must have length greater than or "
                            + "equal to 1; "
                            + "Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or "
                            + "equal to 100");
        });
    }
}
