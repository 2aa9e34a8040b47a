package dev.eddy.server.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The access keys whose SigV4 signatures the front door accepts when authentication is on
 * ({@code eddy serve --auth}); {@link #OFF} when it is off, the default, and then signatures are
 * not verified. Immutable and thread-safe.
 *
 * @param keys access key id to its secret; empty means authentication is off
 */
public record AccessKeys(Map<String, Key> keys) {
    /** Authentication off: requests are served without verifying their signature. */
    public static final AccessKeys OFF = new AccessKeys(Map.of());

    /**
     * One access key's secret, and the session token a request signed with it must carry, if any.
     *
     * @param secret the secret access key
     * @param sessionToken the session token ({@code X-Amz-Security-Token}), or null for none
     */
    public record Key(String secret, String sessionToken) {
        public Key {
            Objects.requireNonNull(secret, "secret");
            if (secret.isEmpty() || (sessionToken != null && sessionToken.isEmpty())) {
                throw new IllegalArgumentException("a secret and a session token may not be empty");
            }
        }
    }

    public AccessKeys {
        keys = Map.copyOf(keys);
    }

    /** Whether signatures are verified. */
    public boolean enabled() {
        return !keys.isEmpty();
    }

    /** The key called {@code accessKeyId}, if it is known. */
    Optional<Key> key(String accessKeyId) {
        return Optional.ofNullable(keys.get(accessKeyId));
    }

    /**
     * Reads a key file: one key a line, {@code ACCESS_KEY_ID SECRET_ACCESS_KEY [SESSION_TOKEN]}
     * separated by spaces or tabs; blank lines and lines starting with {@code #} are ignored.
     *
     * @throws IllegalArgumentException when a line has fewer than two or more than three fields,
     *     an access key id appears twice, or the file holds no key
     * @throws IOException when the file cannot be read
     */
    public static AccessKeys fromFile(Path file) throws IOException {
        Map<String, Key> keys = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("[ \\t]+");
            if (fields.length < 2 || fields.length > 3) {
                throw new IllegalArgumentException("line " + (i + 1)
                        + " of the key file: expected ACCESS_KEY_ID SECRET_ACCESS_KEY [SESSION_TOKEN]");
            }
            Key key = new Key(fields[1], fields.length == 3 ? fields[2] : null);
            if (keys.putIfAbsent(fields[0], key) != null) {
                throw new IllegalArgumentException(
                        "line " + (i + 1) + " of the key file: access key id " + fields[0] + " appears twice");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("the key file holds no key");
        }
        return new AccessKeys(keys);
    }

    /**
     * The key in {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} of {@code environment}
     * (with {@code AWS_SESSION_TOKEN} if set), as the AWS SDKs read them.
     *
     * @throws IllegalArgumentException when either of the two is unset or empty
     */
    public static AccessKeys fromEnvironment(Map<String, String> environment) {
        String id = environment.get("AWS_ACCESS_KEY_ID");
        String secret = environment.get("AWS_SECRET_ACCESS_KEY");
        if (id == null || id.isEmpty() || secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException(
                    "--auth needs a key file or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment");
        }
        String token = environment.get("AWS_SESSION_TOKEN");
        return new AccessKeys(Map.of(id, new Key(secret, token == null || token.isEmpty() ? null : token)));
    }

    @Override
    public String toString() {
        // never the secrets: configurations are logged
        return enabled() ? "AccessKeys" + keys.keySet() : "AccessKeys[off]";
    }
}
