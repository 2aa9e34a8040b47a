package dev.eddy.function;

/** How one invocation ended, as reported by an {@link ExecutionEnvironment}. */
public sealed interface InvocationOutcome {

    /** Whether the environment may run another invocation. */
    boolean reusable();

    /** The handler returned; {@code payload} is the serialised result (JSON). */
    record Success(byte[] payload) implements InvocationOutcome {
        @Override
        public boolean reusable() {
            return true;
        }
    }

    /**
     * The handler failed; {@code payload} is the error object ({@code errorMessage}, {@code
     * errorType}, {@code stackTrace}). A fatal error (an init fault, a VirtualMachineError) ends the
     * environment, as the AWS runtime exits after it.
     *
     * @param errorType what Invoke reports in {@code X-Amz-Function-Error}
     */
    record Failure(byte[] payload, boolean fatal, FunctionErrorType errorType) implements InvocationOutcome {

        /** An {@link FunctionErrorType#Unhandled} failure, what every Java handler error is. */
        public Failure(byte[] payload, boolean fatal) {
            this(payload, fatal, FunctionErrorType.Unhandled);
        }

        @Override
        public boolean reusable() {
            return !fatal;
        }
    }

    /** The invocation's remaining time ran out; the handler was interrupted and abandoned. */
    record TimedOut() implements InvocationOutcome {
        @Override
        public boolean reusable() {
            return false;
        }
    }
}
