package dev.eddy.server.lambda.bench;

import dev.eddy.server.EddyServer;
import dev.eddy.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The Lambda Invoke benchmark (bench/lambda-invoke): an in-process Eddy server on a loopback port,
 * driven over HTTP with the JDK client. Measures the cold start (first Invoke after CreateFunction),
 * the warm Invoke round trip of a no-op Java handler (p50, p99) and invocations per second at
 * concurrency 16. Arguments: the example handlers JAR, then optionally seconds for the
 * throughput run.
 */
public final class InvokeBenchmark {
    private static final String ROLE = "arn:aws:iam::000000000000:role/bench";
    private final LambdaCalls calls;

    private InvokeBenchmark(String base) {
        this.calls = new LambdaCalls(base);
    }

    public static void main(String[] args) throws Exception {
        byte[] jar = Files.readAllBytes(Path.of(args[0]));
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        try (EddyServer server = EddyServer.start(ServerConfig.inMemoryOnRandomPort())) {
            InvokeBenchmark b = new InvokeBenchmark(server.endpoint().toString());
            System.out.printf(
                    Locale.ROOT,
                    "machine: %d cores, JDK %s%n",
                    Runtime.getRuntime().availableProcessors(),
                    Runtime.version());
            b.coldStarts(jar, 10);
            b.warm(jar, 3000, 20000);
            b.throughput(jar, 16, seconds);
        }
    }

    private void coldStarts(byte[] jar, int n) throws Exception {
        double[] firstInvoke = new double[n];
        double[] createToResult = new double[n];
        for (int i = 0; i < n; i++) {
            String fn = "cold-" + i;
            long t0 = System.nanoTime();
            create(fn, jar);
            long tc = System.nanoTime();
            calls.awaitActive(fn);
            long t1 = System.nanoTime();
            calls.invoke(fn);
            long t2 = System.nanoTime();
            firstInvoke[i] = (t2 - t1) / 1e6;
            createToResult[i] = (t2 - t0) / 1e6;
            if (i == 0) {
                System.out.printf(
                        Locale.ROOT,
                        "first function after server start: CreateFunction %.1f ms, "
                                + "until Active %.1f ms, first Invoke %.1f ms%n",
                        (tc - t0) / 1e6,
                        (t1 - tc) / 1e6,
                        (t2 - t1) / 1e6);
            }
        }
        Arrays.sort(firstInvoke);
        Arrays.sort(createToResult);
        System.out.printf(
                Locale.ROOT,
                "cold start, first Invoke after the function is Active (n=%d): " + "median %.1f ms, max %.1f ms%n",
                n,
                firstInvoke[n / 2],
                firstInvoke[n - 1]);
        System.out.printf(
                Locale.ROOT,
                "CreateFunction call to first Invoke result (n=%d): median %.1f ms, " + "max %.1f ms%n",
                n,
                createToResult[n / 2],
                createToResult[n - 1]);
    }

    private void warm(byte[] jar, int warmup, int n) throws Exception {
        create("noop", jar);
        calls.awaitActive("noop");
        for (int i = 0; i < warmup; i++) {
            calls.invoke("noop");
        }
        long[] lat = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            calls.invoke("noop");
            lat[i] = System.nanoTime() - t;
        }
        Arrays.sort(lat);
        System.out.printf(
                Locale.ROOT,
                "warm Invoke round trip, no-op handler, sequential (n=%d): p50 %.3f ms, "
                        + "p90 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                n,
                lat[n / 2] / 1e6,
                lat[n * 9 / 10] / 1e6,
                lat[n * 99 / 100] / 1e6,
                lat[n - 1] / 1e6);
    }

    private void throughput(byte[] jar, int threads, int seconds) throws Exception {
        LongAdder done = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        int status = calls.invoke("noop");
                        if (measuring.get()) {
                            (status == 200 ? done : failed).increment();
                        }
                    }
                } catch (Exception e) {
                    failed.increment();
                } finally {
                    finished.countDown();
                }
            });
            w.start();
            workers.add(w);
        }
        LockSupport.parkNanos(3_000_000_000L); // warm-up: environments for every caller
        measuring.set(true);
        long t0 = System.nanoTime();
        LockSupport.parkNanos(seconds * 1_000_000_000L);
        measuring.set(false);
        long elapsed = System.nanoTime() - t0;
        stop.set(true);
        finished.await();
        System.out.printf(
                Locale.ROOT,
                "throughput at concurrency %d, no-op handler, %d s: %.0f invocations/s " + "(%d failed)%n",
                threads,
                seconds,
                done.sum() / (elapsed / 1e9),
                failed.sum());
    }

    private void create(String fn, byte[] jar) throws Exception {
        String body = "{\"FunctionName\":\"" + fn + "\",\"Runtime\":\"java21\",\"Role\":\"" + ROLE
                + "\",\"Handler\":\"example.NoOp\",\"Code\":{\"ZipFile\":\""
                + Base64.getEncoder().encodeToString(jar) + "\"}}";
        calls.create(body);
    }
}
