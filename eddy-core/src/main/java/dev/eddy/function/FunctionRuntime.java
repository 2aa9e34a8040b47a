package dev.eddy.function;

import java.util.List;

/**
 * Runs function code of one family of Lambda runtimes (for example every {@code java*} runtime in
 * the Eddy JVM). The function service owns scheduling, concurrency, timeouts and logs ({@link
 * Invoker}); a runtime only prepares code and starts execution environments, which run each
 * invocation within the {@link Invocation#remainingTime() time} the service's clock leaves it.
 *
 * <p>Implementations are thread-safe: {@link #prepare} and {@link #start} may be called
 * concurrently from any thread.
 */
public interface FunctionRuntime extends AutoCloseable {

    /** Whether this runtime runs functions created with the given {@code Runtime} identifier. */
    boolean supports(String runtime);

    /**
     * Makes a deployment package ready to run (unpacks it, builds a class path). Called once per
     * code revision, off the request path, and again after a restart; must be idempotent for the same
     * {@code codeSha256}.
     *
     * @throws CodeLoadException when the package can never run here; the function becomes Failed
     */
    PreparedCode prepare(String codeSha256, byte[] zip) throws CodeLoadException;

    /**
     * A layer of the function, in the order layers apply (a later layer's file wins over an
     * earlier one's at the same path).
     */
    record Layer(String arn, String codeSha256, byte[] zip) {}

    /**
     * Like {@link #prepare(String, byte[])}, with the function's layers. Runtimes that support
     * layers override it: the Java runtime adds each layer's {@code java/lib/*.jar} to the class
     * path after the function's own code; process runtimes unpack the zips under {@code /opt}. The
     * default refuses layers rather than ignoring them.
     *
     * @throws CodeLoadException when the package or a layer can never run here
     */
    default PreparedCode prepare(String codeSha256, byte[] zip, List<Layer> layers) throws CodeLoadException {
        if (!layers.isEmpty()) {
            throw new CodeLoadException(
                    "InvalidRuntime", "This runtime of Eddy does not support layers (see docs/lambda.md).", null);
        }
        return prepare(codeSha256, zip);
    }

    /**
     * Starts a new execution environment and runs its init phase (for Java: loads the handler class,
     * runs its static initialisers and constructor). Output written during init goes to
     * {@code initLog}. Blocks the caller until init finished or failed.
     *
     * @throws InitException when init failed; the payload is the error object Invoke returns
     */
    ExecutionEnvironment start(EnvironmentSpec spec, LogSink initLog) throws InitException;

    /** Releases every environment and cached package. Idempotent. */
    @Override
    void close();

    /** A package made ready by {@link #prepare}; opaque to the service. */
    interface PreparedCode {
        String codeSha256();

        /** The directory the package was unpacked to (LAMBDA_TASK_ROOT), or null. */
        default String taskRoot() {
            return null;
        }
    }

    /** The package can never run on this runtime. */
    final class CodeLoadException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String reasonCode;

        /** @param reasonCode a {@code StateReasonCode} value, e.g. {@code InvalidZipFileException} */
        public CodeLoadException(String reasonCode, String message, Throwable cause) {
            super(message, cause);
            this.reasonCode = reasonCode;
        }

        public String reasonCode() {
            return reasonCode;
        }
    }

    /** Init failed; {@link #payload()} is the JSON error object reported to the caller of Invoke. */
    final class InitException extends Exception {
        private static final long serialVersionUID = 1L;
        private final byte[] payload;
        private final boolean timedOut;

        public InitException(String message, byte[] payload, boolean timedOut) {
            super(message, null, false, false);
            this.payload = payload;
            this.timedOut = timedOut;
        }

        public byte[] payload() {
            return payload;
        }

        public boolean timedOut() {
            return timedOut;
        }
    }
}
