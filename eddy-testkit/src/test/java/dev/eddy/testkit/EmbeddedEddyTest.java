package dev.eddy.testkit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmbeddedEddyTest {

    @Test
    void withoutAFactoryOnTheClassPathStartingSaysWhatIsMissing() {
        // the testkit's own tests run without eddy-server, so no factory is registered
        assertThatThrownBy(EmbeddedEddy::startInMemory)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dev.eddy.testkit.EmbeddedEddyFactory")
                .hasMessageContaining("META-INF/services");
    }
}
