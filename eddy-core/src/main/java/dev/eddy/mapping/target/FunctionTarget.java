package dev.eddy.mapping.target;

import dev.eddy.function.InvocationResult;

/**
 * How an event source mapping invokes its function: synchronously (RequestResponse), in process.
 * The composition root implements it with the function service, so invocations count toward the
 * function's reserved and the account's concurrency like any other.
 *
 * <p>Called from many threads at once; blocks while the function runs.
 */
@FunctionalInterface
public interface FunctionTarget {

    /**
     * Invokes {@code functionArn} (qualified or not) with {@code payload}.
     *
     * @throws dev.eddy.error.EddyException when the invocation cannot be made at all (the function
     *     does not exist)
     */
    InvocationResult invoke(String functionArn, byte[] payload);
}
