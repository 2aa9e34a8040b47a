package dev.eddy.server.http;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool of platform threads for engine work that calls into the store.
 *
 * <p>Requests arrive on virtual threads. A JNI call (every RocksDB read and commit) pins the
 * virtual thread to its carrier, and there are only as many carriers as cores, so on a small
 * machine two commits in flight would block every other request and starve RocksDB's group
 * commit. Running engine work here lets many commits wait in RocksDB at once while the request's
 * virtual thread parks without holding a carrier. Measured on 2 cores: PutItem throughput rose
 * by about two thirds over running the work on the request's virtual thread (docs/benchmarks.md).
 * The {@link FrontDoor} runs every adapter's operations here, except those that wait for something
 * other than the store (see {@link RestRoutes.Work}).
 */
public final class StoreWorkers implements AutoCloseable {
    private final ExecutorService pool;

    public StoreWorkers(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "eddy-store-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(threads, factory);
    }

    /**
     * Runs {@code work} on a worker and waits for it. Runtime exceptions and errors thrown by the
     * work are rethrown as they are; the waiting thread's interruption cancels the work.
     */
    public <T> T call(Callable<T> work) throws Exception {
        Future<T> f = pool.submit(work);
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
