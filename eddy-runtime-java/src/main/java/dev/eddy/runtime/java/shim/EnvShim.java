package dev.eddy.runtime.java.shim;

import java.util.Map;
import java.util.Objects;

/**
 * The target of rewritten {@code System.getenv}, {@code System.exit}, {@code Runtime.exit} and
 * {@code Runtime.halt} calls in handler code. Eddy defines a private copy of this class in every
 * execution environment's class loader and sets {@link #env} to that environment's variables, so
 * each function sees its own environment although all share one JVM. Uses nothing but the JDK.
 */
public final class EnvShim {
    /** The environment of this execution environment; set once, before any handler class runs. */
    public static volatile Map<String, String> env = Map.of();

    private EnvShim() {}

    public static Map<String, String> getenv() {
        return env;
    }

    public static String getenv(String name) {
        Objects.requireNonNull(name);
        return env.get(name);
    }

    public static void exit(int status) {
        throw new Exit(status);
    }

    public static void exit(Runtime runtime, int status) {
        throw new Exit(status);
    }

    public static void halt(Runtime runtime, int status) {
        throw new Exit(status);
    }

    /** Thrown instead of exiting the shared JVM; ends the execution environment. */
    public static final class Exit extends Error {
        private static final long serialVersionUID = 1L;
        private final int status;

        public Exit(int status) {
            super("Runtime exited with error: exit status " + status, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
