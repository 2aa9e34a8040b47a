package dev.eddy.function;

/**
 * One execution environment: an initialised handler that runs one invocation at a time, like a
 * Lambda sandbox. The {@link Invoker} never calls {@link #invoke} concurrently on one
 * environment and never reuses an environment after an outcome that {@link InvocationOutcome#reusable()
 * is not reusable}.
 */
public interface ExecutionEnvironment extends AutoCloseable {

    /**
     * Runs one invocation and waits for it as long as {@link Invocation#remainingTime()} allows
     * (measured on the invocation's clock, never the wall clock). On timeout the environment stops
     * the handler (interrupt, then abandon) and returns {@link InvocationOutcome.TimedOut}; it is
     * unusable afterwards. Called by one thread at a time per environment.
     */
    InvocationOutcome invoke(Invocation invocation, LogSink log);

    /**
     * Releases the environment (threads, class loader). Safe to call from any thread, also while an
     * invocation is still running (it is then abandoned). Idempotent.
     */
    @Override
    void close();
}
