package dev.eddy.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key file and the environment {@code --auth} reads its keys from. */
class AccessKeysTest {
    @TempDir
    Path dir;

    @Test
    void aKeyFileHoldsKeysWithAndWithoutSessionTokens() throws Exception {
        Path file = Files.writeString(dir.resolve("keys"), """
                # comment

                AKIDONE  secret-one
                \tASIATWO\tsecret-two   token-two
                """);
        AccessKeys keys = AccessKeys.fromFile(file);
        assertThat(keys.enabled()).isTrue();
        assertThat(keys.key("AKIDONE")).contains(new AccessKeys.Key("secret-one", null));
        assertThat(keys.key("ASIATWO")).contains(new AccessKeys.Key("secret-two", "token-two"));
        assertThat(keys.key("secret-one")).isEmpty();
        assertThat(keys.toString()).doesNotContain("secret");
    }

    @Test
    void aMalformedKeyFileIsRefused() throws Exception {
        Path duplicate = Files.writeString(dir.resolve("duplicate"), "A s1\nA s2\n");
        assertThatThrownBy(() -> AccessKeys.fromFile(duplicate))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 2 of the key file: access key id A appears twice");
        Path tooMany = Files.writeString(dir.resolve("many"), "A s t u\n");
        assertThatThrownBy(() -> AccessKeys.fromFile(tooMany)).hasMessageStartingWith("line 1 of the key file");
        Path empty = Files.writeString(dir.resolve("empty"), "# nothing\n");
        assertThatThrownBy(() -> AccessKeys.fromFile(empty)).hasMessage("the key file holds no key");
    }

    @Test
    void theEnvironmentGivesOneKey() {
        AccessKeys keys = AccessKeys.fromEnvironment(
                Map.of("AWS_ACCESS_KEY_ID", "AKID", "AWS_SECRET_ACCESS_KEY", "secret", "AWS_SESSION_TOKEN", ""));
        assertThat(keys.key("AKID")).contains(new AccessKeys.Key("secret", null));
        assertThatThrownBy(() -> AccessKeys.fromEnvironment(Map.of("AWS_SECRET_ACCESS_KEY", "secret")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(AccessKeys.OFF.enabled()).isFalse();
    }
}
