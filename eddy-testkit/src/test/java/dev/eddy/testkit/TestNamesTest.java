package dev.eddy.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestNamesTest {

    @Test
    void namesStartWithThePrefixAndNeverRepeat() {
        Set<String> names = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String name = TestNames.unique("orders");
            assertThat(name)
                    .startsWith("orders-" + ProcessHandle.current().pid() + "-")
                    .matches("[A-Za-z0-9_.-]+");
            assertThat(names.add(name)).as("repeated %s", name).isTrue();
        }
    }
}
