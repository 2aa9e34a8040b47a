package dev.eddy.runtime.java;

import dev.eddy.function.EnvironmentSpec;
import dev.eddy.function.ExecutionEnvironment;
import dev.eddy.function.FunctionRuntime;
import dev.eddy.function.Invocation;
import dev.eddy.function.InvocationOutcome;
import dev.eddy.function.LogSink;
import dev.eddy.json.FunctionErrorJson;
import dev.eddy.runtime.java.shim.EnvShim;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOError;
import java.io.IOException;
import java.net.URL;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Java execution environment: its own {@link HandlerClassLoader} and one platform thread that
 * runs the init phase and then one invocation at a time. A timeout interrupts the thread and
 * abandons the environment: the loader is closed and the thread, should it ignore the interrupt,
 * can no longer reach the function's log or be reused.
 */
final class JavaEnvironment implements ExecutionEnvironment {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final EnvironmentSpec spec;
    private final HandlerClassLoader loader;
    private final SerializationLibrary library;
    private final ExecutorService thread;
    private volatile Serializers serializers;
    private volatile Handlers.Callable handler;
    private volatile boolean closed;

    private JavaEnvironment(EnvironmentSpec spec, HandlerClassLoader loader, SerializationLibrary library) {
        this.spec = spec;
        this.loader = loader;
        this.library = library;
        String name = "eddy-fn-" + spec.functionName() + "-" + COUNTER.incrementAndGet();
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.setContextClassLoader(loader);
            return t;
        });
    }

    /**
     * Creates the environment, with its own copy of the serialization {@code library}, and runs
     * its init phase within {@code initTimeoutMillis}.
     */
    static JavaEnvironment start(
            EnvironmentSpec spec,
            LambdaApiClassLoader parent,
            SerializationLibrary library,
            LogSink initLog,
            long initTimeoutMillis)
            throws FunctionRuntime.InitException {
        JavaCode code = (JavaCode) spec.code();
        HandlerClassLoader loader = new HandlerClassLoader(code.classPath().toArray(URL[]::new), parent);
        JavaEnvironment env = new JavaEnvironment(spec, loader, library);
        Future<byte[]> init = env.thread.submit(() -> env.init(initLog));
        byte[] failure;
        try {
            failure = init.get(initTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            env.close();
            String seconds = String.format(java.util.Locale.ROOT, "%.2f", initTimeoutMillis / 1000.0);
            throw new FunctionRuntime.InitException(
                    "init timed out",
                    FunctionErrorJson.sandbox(
                            "Sandbox.Timedout", "Error: Init phase timed out after " + seconds + " seconds"),
                    true);
        } catch (InterruptedException e) {
            env.close();
            Thread.currentThread().interrupt();
            throw new FunctionRuntime.InitException("interrupted", Errors.fault("Interrupted", null), false);
        } catch (ExecutionException e) {
            env.close();
            failure = Errors.thrown(e.getCause());
        }
        if (failure != null) {
            env.close();
            throw new FunctionRuntime.InitException("init failed", failure, false);
        }
        return env;
    }

    /** Runs on the environment's thread; returns the error object, or null on success. */
    private byte[] init(LogSink log) throws Exception {
        LogCapture.bind(log);
        try {
            Class<?> shim = loader.loadClass(EnvShim.class.getName());
            shim.getField("env").set(null, spec.environment());
            // the service loader may instantiate the function's own serializer: init-phase code
            serializers = new Serializers(loader, library);
            handler = Handlers.load(spec.handler(), loader, serializers);
            return null;
        } catch (HandlerFault f) {
            log.write(Errors.logText(f.getMessage(), f.getCause()));
            return Errors.fault(f.getMessage(), f.type());
        } finally {
            LogCapture.bind(null);
        }
    }

    @Override
    public InvocationOutcome invoke(Invocation invocation, LogSink log) {
        Future<InvocationOutcome> run = thread.submit(() -> run(invocation, log));
        try {
            // the budget comes from the service's clock, so a test clock rules timeouts too
            return run.get(invocation.remainingTime().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            close();
            return new InvocationOutcome.TimedOut();
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            return new InvocationOutcome.TimedOut();
        } catch (ExecutionException e) {
            close();
            return new InvocationOutcome.Failure(Errors.thrown(e.getCause()), true);
        }
    }

    private InvocationOutcome run(Invocation invocation, LogSink log) {
        LogCapture.bind(log);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            handler.call(
                    new ByteArrayInputStream(invocation.payload()), out, new InvocationContext(spec, invocation, log));
            return new InvocationOutcome.Success(out.toByteArray());
        } catch (Throwable t) {
            if (isExit(t)) {
                return new InvocationOutcome.Failure(
                        FunctionErrorJson.sandbox(
                                "Runtime.ExitError",
                                "RequestId: " + invocation.requestId() + " Error: " + t.getMessage()),
                        true);
            }
            Errors.filter(t, new java.util.HashSet<>());
            log.write(Errors.logText(Errors.message(t), t));
            boolean fatal = t instanceof VirtualMachineError || t instanceof IOError;
            return new InvocationOutcome.Failure(Errors.thrown(t), fatal);
        } finally {
            LogCapture.bind(null);
            Thread.interrupted(); // an interrupt meant for this invocation must not leak into the next
        }
    }

    /** The class loaders this environment owns: its handler loader, then its serialization copy if any. */
    List<ClassLoader> loaders() {
        ClassLoader copy = serializers == null ? null : serializers.libraryCopy();
        return copy == null ? List.of(loader) : List.of(loader, copy);
    }

    // the exit error thrown by handler code is the environment's own copy of EnvShim.Exit
    private static boolean isExit(Throwable t) {
        return t.getClass().getName().equals(EnvShim.Exit.class.getName());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.shutdownNow();
        try {
            loader.close();
        } catch (IOException ignored) {
            // the jars are read-only; nothing to flush
        }
    }
}
