package dev.eddy.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for the tests of one JVM: the first call of {@link #shared()}
 * creates it with {@code initdb} in a temporary directory (trust authentication, fsync on), starts
 * it on a free local port with its unix sockets in that directory and creates a database; a
 * shutdown hook stops it and deletes the directory when the JVM exits.
 *
 * <p>The binaries come from the {@code PATH} or from {@code /usr/lib/postgresql/<version>/bin}; when
 * they are missing and the JVM runs as root, Debian's {@code postgresql} package is installed with
 * {@code apt-get} (which is logged). PostgreSQL refuses to run as root, so a root JVM runs the
 * cluster as the {@code postgres} system user. When the cluster cannot start, {@link #shared()}
 * throws with the reason, so that the tests fail instead of being skipped.
 *
 * <p>Thread-safe.
 */
public final class TestPostgres {
    private static final Logger LOG = Logger.getLogger(TestPostgres.class.getName());
    private static final String USER = "eddy";
    private static final String DATABASE = "eddy";
    private static final AtomicInteger NAMES = new AtomicInteger();

    private static TestPostgres shared;
    private static RuntimeException failure;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;

    private TestPostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The cluster of this JVM, started on first use. */
    public static synchronized TestPostgres shared() {
        if (shared == null && failure == null) {
            try {
                shared = start();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new IllegalStateException(
                    "the test PostgreSQL cluster could not start: " + failure.getMessage(), failure);
        }
        return shared;
    }

    /** The TCP port the cluster listens on (on 127.0.0.1). */
    public int port() {
        return port;
    }

    /** The login role (a superuser; trust authentication needs no password). */
    public String user() {
        return USER;
    }

    /** The database created at start. */
    public String database() {
        return DATABASE;
    }

    /** A JDBC URL of {@code database}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    /** An Eddy {@code --store} URL of {@code database}. */
    public String storeUrl(String database) {
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + database;
    }

    /** Creates a new, empty database with a unique name starting with {@code prefix}; returns its name. */
    public String createDatabase(String prefix) {
        String name = (prefix + "_" + ProcessHandle.current().pid() + "_" + NAMES.incrementAndGet())
                .toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        run(tool("createdb"), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", USER, name);
        return name;
    }

    private static TestPostgres start() {
        Path bin = findBinaries();
        boolean root = isRoot();
        try {
            Path dir = Files.createTempDirectory("eddy-pg-");
            if (root) {
                UserPrincipal owner =
                        FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
                Files.setOwner(dir, owner);
            }
            int port = freePort();
            TestPostgres pg = new TestPostgres(bin, dir, port, root);
            Runtime.getRuntime().addShutdownHook(new Thread(pg::stop, "test-postgres-stop"));
            pg.initAndStart();
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void initAndStart() {
        Path data = dir.resolve("data");
        run(tool("initdb"), "-D", data.toString(), "-A", "trust", "-U", USER, "-E", "UTF8", "--no-sync");
        String options = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=on"
                + " -c max_connections=300 -c shared_buffers=32MB";
        run(
                tool("pg_ctl"),
                "-D",
                data.toString(),
                "-l",
                dir.resolve("log").toString(),
                "-o",
                options,
                "-w",
                "-t",
                "60",
                "start");
        run(tool("createdb"), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U", USER, DATABASE);
        LOG.info("test PostgreSQL cluster listens on 127.0.0.1:" + port);
    }

    private void stop() {
        try {
            run(tool("pg_ctl"), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } catch (RuntimeException e) {
            LOG.warning("stopping the test PostgreSQL cluster failed: " + e.getMessage());
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warning("deleting the test PostgreSQL directory failed: " + e.getMessage());
        }
    }

    private String tool(String name) {
        return bin.resolve(name).toString();
    }

    private void run(String... command) {
        List<String> line = new ArrayList<>();
        if (asPostgresUser) {
            line.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        line.addAll(List.of(command));
        exec(line);
    }

    private static String exec(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(
                        String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8).strip());
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.getFirst(), e);
        }
    }

    private static Path findBinaries() {
        Path found = searchBinaries();
        if (found == null && isRoot() && Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            LOG.warning("PostgreSQL is not installed: installing Debian's postgresql package with apt-get");
            exec(List.of("apt-get", "update", "-q"));
            exec(List.of("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "-q", "postgresql"));
            found = searchBinaries();
        }
        if (found == null) {
            throw new IllegalStateException("initdb, pg_ctl and postgres are neither on the PATH nor under"
                    + " /usr/lib/postgresql/*/bin; install PostgreSQL (12 or newer) to run these tests");
        }
        return found;
    }

    private static Path searchBinaries() {
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(java.io.File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    candidates.add(Path.of(entry));
                }
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(v -> v.resolve("bin"))
                        .sorted(Comparator.reverseOrder())
                        .forEach(candidates::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (Path dir : candidates) {
            if (Stream.of("initdb", "pg_ctl", "postgres", "createdb")
                    .allMatch(n -> Files.isExecutable(dir.resolve(n)))) {
                // links in /usr/local/bin point at the versioned directory, where the binaries
                // find their shared files
                try {
                    return dir.resolve("initdb").toRealPath().getParent();
                } catch (IOException e) {
                    return dir;
                }
            }
        }
        return null;
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
