package dev.eddy.runtime.process;

import dev.eddy.function.FunctionRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The directory that stands for Lambda's {@code /opt} in a process runtime. Lambda unpacks a
 * function's layers into {@code /opt}, which Eddy cannot own on a shared machine; instead the
 * layers are unpacked, in the function's order, into a directory of Eddy's work directory named
 * after the layer list, and the child gets the variables Lambda gives it with that directory in
 * place of {@code /opt}.
 *
 * <p>Stateless; thread-safe.
 */
final class OptDirectory {
    private static final String OPT = "/opt";
    private static final Pattern NODE_MAJOR = Pattern.compile("nodejs(\\d+)(\\..*)?");
    private static final Pattern PYTHON_VERSION = Pattern.compile("python(\\d+\\.\\d+)");

    private OptDirectory() {}

    /**
     * The directory name of a layer list: one per distinct list (order included), so that every
     * function version with the same layers shares it and a version's directory never changes.
     */
    static String name(List<FunctionRuntime.Layer> layers) {
        String list = layers.stream().map(l -> l.arn() + "@" + l.codeSha256()).collect(Collectors.joining("\n"));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(list.getBytes(StandardCharsets.UTF_8));
            return "opt-" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Points the layer variables of {@code env} at {@code opt}: {@code /opt/bin} in PATH and
     * {@code /opt/lib} in LD_LIBRARY_PATH become {@code opt/bin} and {@code opt/lib}; Node.js gets
     * NODE_PATH and Python PYTHONPATH with the layer folders Lambda searches, unless the function
     * sets the variable itself. Expects LAMBDA_RUNTIME_DIR and LAMBDA_TASK_ROOT in {@code env}.
     */
    static void apply(Path opt, String runtime, Map<String, String> env) {
        env.computeIfPresent("PATH", (k, v) -> replaceElement(v, OPT + "/bin", opt.resolve("bin")));
        env.computeIfPresent("LD_LIBRARY_PATH", (k, v) -> replaceElement(v, OPT + "/lib", opt.resolve("lib")));
        if (runtime.startsWith("nodejs")) {
            List<String> path = new ArrayList<>();
            Matcher m = NODE_MAJOR.matcher(runtime);
            if (m.matches()) {
                path.add(opt.resolve("nodejs/node" + m.group(1) + "/node_modules")
                        .toString());
            }
            path.add(opt.resolve("nodejs/node_modules").toString());
            path.add(env.getOrDefault("LAMBDA_RUNTIME_DIR", ""));
            path.add(env.getOrDefault("LAMBDA_TASK_ROOT", ""));
            env.putIfAbsent("NODE_PATH", String.join(":", path));
        } else if (runtime.startsWith("python")) {
            List<String> path = new ArrayList<>();
            Matcher m = PYTHON_VERSION.matcher(runtime);
            if (m.matches()) {
                path.add(opt.resolve("python/lib/python" + m.group(1) + "/site-packages")
                        .toString());
            }
            path.add(opt.resolve("python").toString());
            env.putIfAbsent("PYTHONPATH", String.join(":", path));
        }
    }

    /** The class path entry of the layers' JARs ({@code /opt/java/lib/*} on Lambda). */
    static String javaClassPath(Path opt) {
        return opt.resolve("java/lib") + "/*";
    }

    private static String replaceElement(String path, String element, Path replacement) {
        return java.util.Arrays.stream(path.split(":", -1))
                .map(e -> e.equals(element) || e.equals(element + "/") ? replacement.toString() : e)
                .collect(Collectors.joining(":"));
    }
}
