package dev.eddy.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code eddy serve}'s options: invalid values end with a one-line error and exit code 2; a server
 * that cannot start ends with a one-line error and exit code 1.
 */
class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int serve(String... options) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] args = new String[options.length + 1];
        args[0] = "serve";
        System.arraycopy(options, 0, args, 1, options.length);
        return cli.execute(args);
    }

    @Test
    void anAccountIdThatIsNotTwelveDigitsIsRefused() {
        assertThat(serve("--in-memory", "--port", "0", "--account", "12345")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("eddy: account id must be 12 digits: 12345" + System.lineSeparator());
    }

    @Test
    void aRegionAnArnCannotHoldIsRefused() {
        assertThat(serve("--in-memory", "--port", "0", "--region", "eu:west")).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("eddy: region must be lower-case letters, digits and hyphens, such as "
                        + "us-east-1: eu:west" + System.lineSeparator());
    }

    @Test
    void anUnknownDurabilityIsRefused() {
        assertThat(serve("--in-memory", "--port", "0", "--durability", "sometimes"))
                .isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("eddy: --durability must be SYNC, PROCESS or NONE" + System.lineSeparator());
    }

    @Test
    void aPortInUseEndsWithOneLineAndExitCode1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThat(serve("--in-memory", "--host", "127.0.0.1", "--port", Integer.toString(port)))
                    .isEqualTo(1);
            assertThat(err.toString())
                    .isEqualTo("eddy: cannot start: cannot listen on 127.0.0.1:" + port + System.lineSeparator());
        }
    }

    @Test
    void anUnreachableDatabaseEndsWithOneLineAndExitCode1() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        assertThat(serve("--port", "0", "--store", "postgresql://eddy@127.0.0.1:" + port + "/eddy"))
                .isEqualTo(1);
        assertThat(err.toString())
                .startsWith("eddy: cannot start: cannot connect to PostgreSQL at jdbc:postgresql://127.0.0.1:" + port)
                .endsWith(System.lineSeparator())
                .hasLineCount(1);
    }

    @Test
    void aLoginThePostgresServerRefusesEndsWithOneLineAndExitCode1() {
        dev.eddy.testkit.TestPostgres pg = dev.eddy.testkit.TestPostgres.shared();
        assertThat(serve("--port", "0", "--store", "postgresql://nobody@127.0.0.1:" + pg.port() + "/eddy"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("eddy: cannot start: ", "nobody").hasLineCount(1);
    }

    @Test
    void aStoreThatIsNotPostgresIsRefused() {
        assertThat(serve("--port", "0", "--store", "mysql://x/y")).isEqualTo(2);
        assertThat(err.toString())
                .isEqualTo("eddy: --store must be a postgresql:// URL or 'postgresql'" + System.lineSeparator());
    }

    @Test
    void authOptionsAreChecked(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assertThat(serve("--in-memory", "--port", "0", "--auth-keys", "keys")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("eddy: --auth-keys needs --auth" + System.lineSeparator());
        java.nio.file.Path keys = java.nio.file.Files.writeString(dir.resolve("keys"), "AKID\n");
        assertThat(serve("--in-memory", "--port", "0", "--auth", "--auth-keys", keys.toString()))
                .isEqualTo(2);
        assertThat(err.toString())
                .endsWith("eddy: line 1 of the key file: expected ACCESS_KEY_ID SECRET_ACCESS_KEY [SESSION_TOKEN]"
                        + System.lineSeparator());
    }

    @Test
    void theHelpListsEveryOption() {
        assertThat(serve("--help")).isZero();
        assertThat(out.toString())
                .contains(
                        "--port",
                        "--host",
                        "--data",
                        "--in-memory",
                        "--store",
                        "--store-pool-size",
                        "--durability",
                        "--region",
                        "--account",
                        "--ttl-sweep-interval",
                        "--stream-shards",
                        "--stream-shard-lifetime",
                        "--stream-retention",
                        "--function-concurrency",
                        "--function-idle-timeout",
                        "--auth",
                        "--auth-keys");
        assertThat(err.toString()).isEmpty();
    }
}
