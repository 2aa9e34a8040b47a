package dev.eddy.server.lambda.bench;

import dev.eddy.server.EddyServer;
import dev.eddy.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The runtimes part of bench/lambda-invoke: a no-op handler in every runtime family, in one
 * in-process Eddy server (in-memory store, loopback HTTP): Java in Eddy's JVM, and through the
 * Lambda Runtime API Node.js, Python and Java in a JVM of its own. Measures the cold start of each
 * (the first Invoke once the function is Active) and the warm Invoke round trip (p50, p99), the
 * warm rounds alternating between the runtimes so that none always runs on a more loaded machine.
 * Arguments: the example handlers JAR, then optionally the invocations per runtime and round.
 */
public final class RuntimesBenchmark {
    private static final String ROLE = "arn:aws:iam::000000000000:role/bench";
    private static final int ROUNDS = 5;

    /** One runtime under test: how its function is created. */
    private record Subject(String label, String runtime, String handler, byte[] zip, String env) {}

    private final LambdaCalls calls;

    private RuntimesBenchmark(String base) {
        this.calls = new LambdaCalls(base);
    }

    public static void main(String[] args) throws Exception {
        byte[] jar = Files.readAllBytes(Path.of(args[0]));
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        List<Subject> subjects = List.of(
                new Subject("java21, Eddy's JVM", "java21", "example.NoOp", jar, "jvm"),
                new Subject("java21, process (RIC)", "java21", "example.NoOp", jar, "process"),
                new Subject(
                        "nodejs20.x",
                        "nodejs20.x",
                        "index.handler",
                        zip("index.js", "exports.handler = async () => 'ok';\n"),
                        null),
                new Subject(
                        "python3.12",
                        "python3.12",
                        "app.handler",
                        zip("app.py", "def handler(event, context):\n    return 'ok'\n"),
                        null));
        try (EddyServer server = EddyServer.start(ServerConfig.inMemoryOnRandomPort())) {
            RuntimesBenchmark b = new RuntimesBenchmark(server.endpoint().toString());
            System.out.printf(
                    Locale.ROOT,
                    "machine: %d cores, JDK %s, load average %.2f%n",
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.version(),
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
            for (Subject s : subjects) {
                b.coldStarts(s, 5);
            }
            b.warm(subjects, perRound);
        }
    }

    private void coldStarts(Subject s, int n) throws Exception {
        double[] first = new double[n];
        for (int i = 0; i < n; i++) {
            String fn = "cold-" + s.runtime().replace('.', '-') + "-" + s.env() + "-" + i;
            create(fn, s);
            calls.awaitActive(fn);
            long t = System.nanoTime();
            calls.invoke(fn);
            first[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(first);
        System.out.printf(
                Locale.ROOT,
                "%-24s cold start, first Invoke once Active (n=%d): median %.1f ms, max %.1f ms%n",
                s.label(),
                n,
                first[n / 2],
                first[n - 1]);
    }

    private void warm(List<Subject> subjects, int perRound) throws Exception {
        long[][] lat = new long[subjects.size()][ROUNDS * perRound];
        for (int i = 0; i < subjects.size(); i++) {
            String fn = name(i);
            create(fn, subjects.get(i));
            calls.awaitActive(fn);
            for (int w = 0; w < perRound / 2; w++) {
                calls.invoke(fn);
            }
        }
        for (int round = 0; round < ROUNDS; round++) {
            for (int k = 0; k < subjects.size(); k++) {
                // the order turns each round
                int i = (k + round) % subjects.size();
                for (int j = 0; j < perRound; j++) {
                    long t = System.nanoTime();
                    calls.invoke(name(i));
                    lat[i][round * perRound + j] = System.nanoTime() - t;
                }
            }
        }
        double baseline = 0;
        for (int i = 0; i < subjects.size(); i++) {
            long[] l = lat[i];
            Arrays.sort(l);
            double p50 = l[l.length / 2] / 1e6;
            if (i == 0) {
                baseline = p50;
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-24s warm Invoke round trip (n=%d): p50 %.3f ms, p90 %.3f ms, p99 %.3f ms, "
                            + "max %.1f ms; p50 over Eddy's JVM %+.3f ms%n",
                    subjects.get(i).label(),
                    l.length,
                    p50,
                    l[l.length * 9 / 10] / 1e6,
                    l[l.length * 99 / 100] / 1e6,
                    l[l.length - 1] / 1e6,
                    p50 - baseline);
        }
    }

    private static String name(int i) {
        return "warm-" + i;
    }

    private static byte[] zip(String path, String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry(path));
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private void create(String fn, Subject s) throws Exception {
        String env =
                s.env() == null ? "" : ",\"Environment\":{\"Variables\":{\"EDDY_JAVA_RUNTIME\":\"" + s.env() + "\"}}";
        String body = "{\"FunctionName\":\"" + fn + "\",\"Runtime\":\"" + s.runtime() + "\",\"Role\":\"" + ROLE
                + "\",\"Handler\":\"" + s.handler() + "\",\"MemorySize\":512,\"Timeout\":30" + env
                + ",\"Code\":{\"ZipFile\":\"" + Base64.getEncoder().encodeToString(s.zip()) + "\"}}";
        calls.create(body);
    }
}
