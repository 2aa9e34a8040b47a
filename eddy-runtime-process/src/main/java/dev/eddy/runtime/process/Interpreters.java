package dev.eddy.runtime.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds the interpreter of a language runtime ({@code node} for {@code nodejs*}, {@code python3}
 * for {@code python3*}) once per command: the command is run with Eddy's own environment and asked
 * for its executable's absolute path, which the child then runs directly (the function's PATH is
 * Lambda's, and version-manager shims need their own environment). The command comes from the
 * system property {@code eddy.runtime.command.<runtime>} (e.g. {@code nodejs20.x}), else {@code
 * eddy.runtime.command.<family>} ({@code nodejs}, {@code python}), else the default name on PATH.
 *
 * <p>Thread-safe; a failed lookup is not cached, so installing the interpreter needs no restart.
 */
final class Interpreters {
    static final String PROPERTY = "eddy.runtime.command.";

    private final Map<String, String> resolved = new ConcurrentHashMap<>();

    /** A language runtime's interpreter: the default command and how to ask for its path. */
    enum Family {
        NODEJS("nodejs", "node", List.of("-p", "process.execPath"), "Node.js"),
        PYTHON("python", "python3", List.of("-c", "import sys; print(sys.executable)"), "Python 3");

        final String key;
        final String command;
        final List<String> probe;
        final String language;

        Family(String key, String command, List<String> probe, String language) {
            this.key = key;
            this.command = command;
            this.probe = probe;
            this.language = language;
        }
    }

    /** The interpreter is not installed or does not start. */
    static final class Missing extends Exception {
        private static final long serialVersionUID = 1L;

        Missing(String message) {
            super(message, null, false, false);
        }
    }

    /** The command configured for {@code runtime} of {@code family}. */
    static String command(String runtime, Family family) {
        String specific = System.getProperty(PROPERTY + runtime);
        if (specific != null && !specific.isBlank()) {
            return specific;
        }
        String general = System.getProperty(PROPERTY + family.key);
        return general != null && !general.isBlank() ? general : family.command;
    }

    /** The absolute path of the interpreter for {@code runtime}. */
    String resolve(String runtime, Family family) throws Missing {
        String command = command(runtime, family);
        String known = resolved.get(command);
        if (known != null) {
            return known;
        }
        String path = probe(runtime, family, command);
        resolved.put(command, path);
        return path;
    }

    private static String probe(String runtime, Family family, String command) throws Missing {
        String hint = "Eddy cannot run " + runtime + " functions: " + family.language + " ('" + command
                + "') was not found or does not start. Install it, or point Eddy at it with --runtime-command "
                + family.key + "=<path>";
        List<String> argv = new java.util.ArrayList<>();
        argv.add(command);
        argv.addAll(family.probe);
        try {
            Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new Missing(hint + " (" + out + ").");
            }
            String path = out.lines().reduce((a, b) -> b).orElse("");
            if (path.isEmpty() || !Files.isExecutable(Path.of(path))) {
                throw new Missing(hint + " (it reported no executable path).");
            }
            return path;
        } catch (IOException e) {
            throw new Missing(hint + ".");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Missing(hint + " (interrupted).");
        }
    }
}
