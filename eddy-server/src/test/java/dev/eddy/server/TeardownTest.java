package dev.eddy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the root opened closes in reverse order, each part once, whatever fails on the way. */
class TeardownTest {
    private final List<String> closed = new ArrayList<>();
    private final Teardown teardown = new Teardown();

    private void open(String name) {
        teardown.add(name, () -> closed.add(name));
    }

    @Test
    void closesTheLastOpenedFirstAndEachOnce() {
        open("store");
        open("engine");
        open("listener");

        teardown.close();
        teardown.close();

        assertThat(closed).containsExactly("listener", "engine", "store");
    }

    @Test
    void aFailureToCloseOneStillClosesTheRestAndIsThrownWithTheLaterOnes() {
        open("store");
        teardown.add("engine", () -> {
            throw new IllegalStateException("engine stuck");
        });
        teardown.add("listener", () -> {
            throw new java.io.IOException("listener stuck");
        });

        assertThatThrownBy(teardown::close).isInstanceOfSatisfying(IllegalStateException.class, e -> {
            assertThat(e.getCause()).hasMessage("listener stuck");
            assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("engine stuck");
        });
        assertThat(closed).containsExactly("store");
    }

    @Test
    void anAbortedStartClosesEverythingAndKeepsItsCause() {
        open("store");
        teardown.add("engine", () -> {
            throw new IllegalStateException("engine stuck");
        });
        RuntimeException cause = new RuntimeException("port in use");

        teardown.abort(cause);

        assertThat(closed).containsExactly("store");
        assertThat(cause.getSuppressed()).extracting(Throwable::getMessage).containsExactly("engine stuck");
    }
}
