package dev.eddy.runtime.java;

import dev.eddy.function.EnvironmentSpec;
import dev.eddy.function.ExecutionEnvironment;
import dev.eddy.function.FunctionRuntime;
import dev.eddy.function.LogSink;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Runs Java handlers ({@code java11}, {@code java17}, {@code java21}, {@code java25}) inside the
 * Eddy JVM, each execution environment in its own class loader (see {@link HandlerClassLoader}).
 * Packages are unpacked once per code hash under the work directory, as Lambda unpacks them into
 * {@code /var/task}.
 */
public final class JavaRuntime implements FunctionRuntime {
    private static final Set<String> RUNTIMES = Set.of("java11", "java17", "java21", "java25");
    /** Lambda's limit for the init phase. */
    static final long INIT_TIMEOUT_MILLIS = 10_000;

    private final Path workDir;
    private final boolean ownsWorkDir;
    private final LambdaApiClassLoader apiLoader = new LambdaApiClassLoader(JavaRuntime.class.getClassLoader());
    private final SerializationLibrary serialization = SerializationLibrary.ofEddy();
    private final ConcurrentHashMap<String, JavaCode> prepared = new ConcurrentHashMap<>();

    /** Unpacks packages under {@code workDir} (created if missing). */
    public JavaRuntime(Path workDir) {
        this(workDir, false);
    }

    /** Unpacks packages under a temporary directory removed on {@link #close()}. */
    public JavaRuntime() {
        this(createTemp(), true);
    }

    private JavaRuntime(Path workDir, boolean owns) {
        this.workDir = workDir;
        this.ownsWorkDir = owns;
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LogCapture.install();
        // prepare the first environment's copy of the serializer and load ASM before the first cold
        // start needs them, as the AWS runtime is loaded before a function's init phase
        serialization.prepareSpare();
        Thread.ofVirtual().name("eddy-java-runtime-warmup").start(JavaRuntime::warmUp);
    }

    private static void warmUp() {
        try (var in = JavaRuntime.class.getResourceAsStream("shim/EnvShim.class")) {
            SystemCallRewriter.rewrite(in.readAllBytes());
        } catch (Exception | LinkageError e) {
            // only an optimisation
        }
    }

    private static Path createTemp() {
        try {
            return Files.createTempDirectory("eddy-functions-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean supports(String runtime) {
        return RUNTIMES.contains(runtime);
    }

    @Override
    public PreparedCode prepare(String codeSha256, byte[] zip) throws CodeLoadException {
        JavaCode existing = prepared.get(codeSha256);
        if (existing != null) {
            return existing;
        }
        synchronized (prepared) {
            existing = prepared.get(codeSha256);
            if (existing != null) {
                return existing;
            }
            String dirName =
                    HexFormat.of().formatHex(java.util.Base64.getDecoder().decode(codeSha256));
            Path dir = workDir.resolve(dirName);
            try {
                if (!Files.isDirectory(dir)) {
                    unpack(zip, dir);
                }
                JavaCode code = new JavaCode(codeSha256, dir.toString(), classPath(dir));
                prepared.put(codeSha256, code);
                return code;
            } catch (IOException | RuntimeException e) {
                throw new CodeLoadException(
                        "InvalidZipFileException", "Could not unpack the deployment package: " + reason(e), e);
            }
        }
    }

    /**
     * Prepares the function's package, then appends each layer's {@code java/lib/*.jar} (layers in
     * the function's order, jars by name) to its class path, after the function's own code. Layers
     * are unpacked once per digest and shared by the functions that use them.
     */
    @Override
    public PreparedCode prepare(String codeSha256, byte[] zip, List<Layer> layers) throws CodeLoadException {
        JavaCode base = (JavaCode) prepare(codeSha256, zip);
        if (layers.isEmpty()) {
            return base;
        }
        List<URL> classPath = new ArrayList<>(base.classPath());
        for (Layer layer : layers) {
            Path dir = workDir.resolve(
                    "layer-" + HexFormat.of().formatHex(Base64.getDecoder().decode(layer.codeSha256())));
            try {
                synchronized (prepared) {
                    if (!Files.isDirectory(dir)) {
                        unpack(layer.zip(), dir);
                    }
                }
                Path lib = dir.resolve("java").resolve("lib");
                if (Files.isDirectory(lib)) {
                    try (Stream<Path> jars = Files.list(lib)) {
                        for (Path jar : jars.filter(
                                        p -> p.getFileName().toString().endsWith(".jar"))
                                .sorted()
                                .toList()) {
                            classPath.add(jar.toUri().toURL());
                        }
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new CodeLoadException(
                        "InvalidZipFileException", "Could not unpack layer " + layer.arn() + ": " + reason(e), e);
            }
        }
        return new JavaCode(codeSha256, base.taskRoot(), classPath);
    }

    @Override
    public ExecutionEnvironment start(EnvironmentSpec spec, LogSink initLog) throws InitException {
        return JavaEnvironment.start(spec, apiLoader, serialization, initLog, INIT_TIMEOUT_MILLIS);
    }

    private static List<URL> classPath(Path root) throws MalformedURLException, IOException {
        List<URL> urls = new ArrayList<>();
        urls.add(root.toUri().toURL());
        Path classes = root.resolve("classes");
        if (Files.isDirectory(classes)) {
            // Eddy also accepts a build tool's classes/ folder next to lib/ (docs/lambda.md)
            urls.add(classes.toUri().toURL());
        }
        Path lib = root.resolve("lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                for (Path jar : jars.filter(p -> p.getFileName().toString().endsWith(".jar"))
                        .sorted()
                        .toList()) {
                    urls.add(jar.toUri().toURL());
                }
            }
        }
        return urls;
    }

    /**
     * Unpacks {@code zip} into a temporary folder beside {@code dir} and moves it into place, so a
     * half-written package is never used; a failed unpack leaves nothing behind.
     */
    private void unpack(byte[] zip, Path dir) throws IOException {
        Path tmp = Files.createTempDirectory(workDir, dir.getFileName() + ".tmp");
        try {
            unzip(zip, tmp);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    /** Why unpacking failed, in words a client may see: never a path of this server. */
    private String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replace(workDir.toAbsolutePath().toString(), "<package>")
                .replace(workDir.toString(), "<package>");
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | RuntimeException e) {
            // best effort: a leftover temporary folder is never used, and is removed with the data
        }
    }

    private static void unzip(byte[] zip, Path dir) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("entry outside the package: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Override
    public void close() {
        prepared.clear();
        serialization.close();
        if (ownsWorkDir) {
            try {
                Files.walkFileTree(workDir, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                        Files.delete(d);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException ignored) {
                // a temporary directory; the OS cleans up what is left
            }
        }
    }
}
