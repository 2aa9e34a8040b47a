package dev.eddy.runtime.process;

import dev.eddy.function.EnvironmentSpec;
import dev.eddy.function.ExecutionEnvironment;
import dev.eddy.function.FunctionRuntime;
import dev.eddy.function.LogSink;
import dev.eddy.json.FunctionErrorJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs functions as child processes that speak the Lambda Runtime API, as Lambda itself does: the
 * package's executable {@code bootstrap} for {@code provided.al2} and {@code provided.al2023}, and
 * bootstraps Eddy ships for {@code nodejs*} (with {@code node}) and {@code python3*} (with {@code
 * python3}), and {@code java*} in a JVM of its own through the AWS runtime interface client
 * ({@link JavaClient}). Each execution environment is one process with its own {@link RuntimeApi} endpoint.
 * Packages are unpacked once per code hash under the work directory, a function's layers once per
 * distinct layer list into a directory that stands for {@code /opt} ({@link OptDirectory}).
 *
 * <p>Thread-safe.
 */
public final class ProcessRuntime implements FunctionRuntime {
    /** Lambda's limit for the init phase. */
    static final long INIT_TIMEOUT_MILLIS = 10_000;
    /** How long a runtime may take to exit after SIGTERM before it is killed. */
    static final Duration STOP_GRACE = Duration.ofMillis(500);

    private static final Set<String> PROVIDED = Set.of("provided.al2", "provided.al2023");

    private final Path workDir;
    private final boolean ownsWorkDir;
    private final Path runtimeDir;
    private final Path logDir;
    private final Interpreters interpreters = new Interpreters();
    private final ProcessReaper reaper = new ProcessReaper(STOP_GRACE);
    private final Set<ExecutionEnvironment> live = ConcurrentHashMap.newKeySet();
    private final Map<String, PackageDirs.Unpacked> prepared = new ConcurrentHashMap<>();
    private final Map<String, Path> optDirs = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    /** Unpacks packages under {@code workDir} (created if missing). */
    public ProcessRuntime(Path workDir) {
        this(workDir, false);
    }

    /** Unpacks packages under a temporary directory removed on {@link #close()}. */
    public ProcessRuntime() {
        this(PackageDirs.createTemp(), true);
    }

    private ProcessRuntime(Path workDir, boolean owns) {
        this.workDir = workDir;
        this.ownsWorkDir = owns;
        try {
            Files.createDirectories(workDir);
            this.runtimeDir = Files.createTempDirectory(workDir, "runtime-");
            this.logDir = Files.createDirectories(runtimeDir.resolve("logs"));
            for (String resource : List.of("node/bootstrap.mjs", "python/bootstrap.py")) {
                Path target = runtimeDir.resolve(resource);
                Files.createDirectories(target.getParent());
                try (InputStream in = ProcessRuntime.class.getResourceAsStream("bootstrap/" + resource)) {
                    Files.copy(in, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes every process runtime of this JVM run {@code command} as the interpreter of {@code
     * runtime}: a family ({@code nodejs}, {@code python}) or one runtime ({@code python3.12}); the
     * exact runtime wins over its family. Takes effect at the next cold start.
     */
    public static void useCommand(String runtime, String command) {
        System.setProperty(Interpreters.PROPERTY + runtime, command);
    }

    @Override
    public boolean supports(String runtime) {
        return runtime != null && (PROVIDED.contains(runtime) || family(runtime) != null || isJava(runtime));
    }

    private static boolean isJava(String runtime) {
        return runtime.startsWith("java");
    }

    private static Interpreters.Family family(String runtime) {
        if (runtime.startsWith("nodejs")) {
            return Interpreters.Family.NODEJS;
        }
        return runtime.startsWith("python3") ? Interpreters.Family.PYTHON : null;
    }

    @Override
    public PreparedCode prepare(String codeSha256, byte[] zip) throws CodeLoadException {
        PackageDirs.Unpacked existing = prepared.get(codeSha256);
        if (existing != null) {
            return existing;
        }
        synchronized (prepared) {
            existing = prepared.get(codeSha256);
            if (existing != null) {
                return existing;
            }
            String dirName = HexFormat.of().formatHex(Base64.getDecoder().decode(codeSha256));
            try {
                PackageDirs.Unpacked code = new PackageDirs.Unpacked(
                        codeSha256, PackageDirs.unpack(zip, workDir, dirName).toString());
                prepared.put(codeSha256, code);
                return code;
            } catch (IOException | RuntimeException e) {
                throw new CodeLoadException(
                        "InvalidZipFileException", "Could not unpack the deployment package: " + reason(e), e);
            }
        }
    }

    /**
     * The package as {@link #prepare(String, byte[])} unpacks it, and the layers unpacked in order
     * into a directory that stands for {@code /opt} ({@link OptDirectory}), once per distinct layer
     * list.
     */
    @Override
    public PreparedCode prepare(String codeSha256, byte[] zip, List<Layer> layers) throws CodeLoadException {
        PreparedCode code = prepare(codeSha256, zip);
        if (layers.isEmpty()) {
            return code;
        }
        String name = OptDirectory.name(layers);
        Path opt = optDirs.get(name);
        if (opt == null) {
            synchronized (optDirs) {
                opt = optDirs.get(name);
                if (opt == null) {
                    opt = unpackLayers(layers, name);
                    optDirs.put(name, opt);
                }
            }
        }
        return new PackageDirs.Unpacked(codeSha256, code.taskRoot(), opt);
    }

    private Path unpackLayers(List<Layer> layers, String name) throws CodeLoadException {
        try {
            return PackageDirs.unpack(layers.stream().map(Layer::zip).toList(), workDir, name);
        } catch (IOException | RuntimeException e) {
            String arns = layers.stream().map(Layer::arn).collect(java.util.stream.Collectors.joining(", "));
            throw new CodeLoadException(
                    "InvalidZipFileException", "Could not unpack the layers " + arns + ": " + reason(e), e);
        }
    }

    @Override
    public ExecutionEnvironment start(EnvironmentSpec spec, LogSink initLog) throws InitException {
        Path taskRoot = Path.of(spec.code().taskRoot());
        Map<String, String> env = new LinkedHashMap<>(spec.environment());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        List<String> command = command(spec, taskRoot, env, initLog);
        if (opt(spec) != null) {
            OptDirectory.apply(opt(spec), spec.runtime(), env);
        }
        ProcessEnvironment e =
                ProcessEnvironment.start(spec, command, env, logDir, reaper, initLog, INIT_TIMEOUT_MILLIS);
        live.add(e);
        return new Tracked(e, live);
    }

    /** The command line of the runtime process; also fills in the runtime's variables of {@code env}. */
    private List<String> command(EnvironmentSpec spec, Path taskRoot, Map<String, String> env, LogSink initLog)
            throws InitException {
        String runtime = spec.runtime();
        if (PROVIDED.contains(runtime)) {
            // custom runtimes get no AWS_EXECUTION_ENV on Lambda
            env.remove("AWS_EXECUTION_ENV");
            env.put("LAMBDA_RUNTIME_DIR", runtimeDir.toString());
            Path bootstrap = taskRoot.resolve("bootstrap");
            if (!Files.isRegularFile(bootstrap)) {
                throw invalidEntrypoint("Error: Couldn't find valid bootstrap(s): [" + bootstrap + "]", initLog);
            }
            return List.of(bootstrap.toString());
        }
        if (isJava(runtime)) {
            return javaCommand(spec, env);
        }
        Interpreters.Family family = family(runtime);
        String interpreter;
        try {
            interpreter = interpreters.resolve(runtime, family);
        } catch (Interpreters.Missing m) {
            throw invalidEntrypoint(m.getMessage(), initLog);
        }
        Path dir = runtimeDir.resolve(family == Interpreters.Family.NODEJS ? "node" : "python");
        env.put("LAMBDA_RUNTIME_DIR", dir.toString());
        // the Python bootstrap limits its own address space (RLIMIT_AS) from AWS_LAMBDA_FUNCTION_MEMORY_SIZE
        return family == Interpreters.Family.NODEJS
                ? List.of(
                        interpreter,
                        nodeHeapLimit(spec.memorySize()),
                        dir.resolve("bootstrap.mjs").toString())
                : List.of(interpreter, "-u", dir.resolve("bootstrap.py").toString());
    }

    /**
     * V8's old generation at 90% of the function's memory, as Lambda's Node.js runtimes start node:
     * the process cannot be given an address-space limit (V8 reserves far more than it uses).
     */
    static String nodeHeapLimit(int memorySize) {
        return "--max-old-space-size=" + Math.max(16, memorySize * 90 / 100);
    }

    /**
     * A JVM of its own running the AWS runtime interface client, which loads the handler from
     * LAMBDA_TASK_ROOT (the root, then {@code lib/*.jar}) as on AWS. The heap is 85% of the
     * function's memory, and the JIT stops at tier 1, as Lambda's Java runtimes start. A JVM out of
     * heap exits rather than limping on, as a Lambda environment out of memory is killed.
     */
    private List<String> javaCommand(EnvironmentSpec spec, Map<String, String> env) throws InitException {
        Path dir = JavaClient.unpack(runtimeDir.resolve("java"));
        env.put("LAMBDA_RUNTIME_DIR", dir.toString());
        String java = System.getProperty(Interpreters.PROPERTY + spec.runtime());
        if (java == null || java.isBlank()) {
            java = System.getProperty(Interpreters.PROPERTY + "java");
        }
        if (java == null || java.isBlank()) {
            java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
        return List.of(
                java,
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-Xmx" + Math.max(32, spec.memorySize() * 85 / 100) + "m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                opt(spec) == null
                        ? JavaClient.classPath(dir)
                        : JavaClient.classPath(dir) + ":" + OptDirectory.javaClassPath(opt(spec)),
                JavaClient.MAIN,
                spec.handler() == null ? "" : spec.handler());
    }

    /** The directory of the function's layers, or null without layers. */
    private static Path opt(EnvironmentSpec spec) {
        return spec.code() instanceof PackageDirs.Unpacked u ? u.opt() : null;
    }

    private static InitException invalidEntrypoint(String message, LogSink initLog) {
        initLog.write(message + "\n");
        return new InitException(
                "no entry point", FunctionErrorJson.sandbox("Runtime.InvalidEntrypoint", message), false);
    }

    /** Why unpacking failed, in words a client may see: never a path of this server. */
    private String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replace(workDir.toAbsolutePath().toString(), "<package>")
                .replace(workDir.toString(), "<package>");
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        for (ExecutionEnvironment e : List.copyOf(live)) {
            e.close();
        }
        prepared.clear();
        optDirs.clear();
        if (ownsWorkDir) {
            PackageDirs.deleteTree(workDir);
        } else {
            PackageDirs.deleteTree(runtimeDir);
        }
    }

    /** An environment that leaves the runtime's set of live environments when closed. */
    private record Tracked(ExecutionEnvironment env, Set<ExecutionEnvironment> live) implements ExecutionEnvironment {
        @Override
        public dev.eddy.function.InvocationOutcome invoke(dev.eddy.function.Invocation invocation, LogSink log) {
            dev.eddy.function.InvocationOutcome o = env.invoke(invocation, log);
            if (!o.reusable()) {
                live.remove(env);
            }
            return o;
        }

        @Override
        public void close() {
            live.remove(env);
            env.close();
        }
    }
}
