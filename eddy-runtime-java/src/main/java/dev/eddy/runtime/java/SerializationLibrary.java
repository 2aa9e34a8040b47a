package dev.eddy.runtime.java;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the classes of {@code aws-lambda-java-serialization} (its own packages and the Jackson,
 * Gson, Joda and org.json it shades) are read from, for the private copies execution environments
 * load through {@link SerializationLoader}. The library keeps customer classes in static caches
 * keyed by class name ({@code SerializeUtil.loadCustomerClass}), built for AWS's one customer class
 * loader per JVM; a copy per environment keeps those caches to that environment's classes.
 *
 * <p>The classes come from the library's own code source (a JAR on Eddy's class path, or Eddy's
 * single packaged JAR), read through a loader of that location alone; only when the location
 * cannot be read that way (no code source, a nested JAR) through Eddy's loader. Class bytes are
 * kept once read: every environment defines the same classes, and the bytes are a few megabytes
 * at most. Thread-safe; one instance per {@link JavaRuntime}, closed with it.
 */
final class SerializationLibrary implements AutoCloseable {
    /** The packages every environment defines itself: the library's and its shaded libraries. */
    static final List<String> PACKAGES =
            List.of("com.amazonaws.services.lambda.runtime.serialization.", "com.amazonaws.lambda.thirdparty.");

    private static final String SERVICES = "META-INF/services/";
    private static final String MARKER = PojoSerializer.class.getName().replace('.', '/') + ".class";

    private final ClassLoader parent;
    private final CodeSource codeSource;
    private final URLClassLoader own;
    private final ClassLoader finder;
    private final ConcurrentHashMap<String, byte[]> bytes = new ConcurrentHashMap<>();
    private final AtomicReference<LibraryCalls> spare = new AtomicReference<>();
    private final AtomicBoolean preparing = new AtomicBoolean();
    private volatile boolean closed;

    /**
     * Reads the library from {@code codeSource}; the copies delegate every other class to {@code
     * parent}, which must see the JDK and nothing the copies would need to share.
     */
    SerializationLibrary(CodeSource codeSource, ClassLoader parent) {
        this.parent = parent;
        this.codeSource = codeSource;
        URLClassLoader location = codeSource == null || codeSource.getLocation() == null
                ? null
                : new URLClassLoader("eddy-serialization-source", new URL[] {codeSource.getLocation()}, null);
        if (location != null && location.findResource(MARKER) == null) {
            close(location);
            location = null;
        }
        this.own = location;
        this.finder = location != null ? location : parent;
    }

    /** The library as Eddy itself loaded it, with Eddy's loader as the parent of its copies. */
    static SerializationLibrary ofEddy() {
        ClassLoader eddy = SerializationLibrary.class.getClassLoader();
        return new SerializationLibrary(
                PojoSerializer.class.getProtectionDomain().getCodeSource(), eddy);
    }

    /** Whether {@code className} belongs to the library, and so to each copy alone. */
    static boolean owns(String className) {
        for (String p : PACKAGES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the resource {@code path} lies in the library's packages or names a service of them. */
    static boolean ownsResource(String path) {
        String name = path.startsWith(SERVICES) ? path.substring(SERVICES.length()) : path;
        return owns(name.replace('/', '.'));
    }

    /**
     * A private copy of the library for one execution environment, loaded and initialised: the
     * one prepared in the background when there is one (the next one is then prepared), else a
     * new one. A prepared copy has only ever seen Eddy's classes. Any thread.
     */
    LibraryCalls copy() throws ReflectiveOperationException {
        LibraryCalls ready = spare.getAndSet(null);
        prepareSpare();
        return ready != null ? ready : new LibraryCalls(newLoader());
    }

    /**
     * Prepares a copy on a background thread unless one is ready or under way: loading and
     * initialising the library is most of its cost on a cold start, which the AWS runtime pays
     * before the function's init phase. Idempotent; any thread.
     */
    void prepareSpare() {
        if (closed || spare.get() != null || !preparing.compareAndSet(false, true)) {
            return;
        }
        // no inherited log sink, and the context loader set below: an environment's thread may
        // be the caller, and nothing of it must reach the copy
        Thread.ofVirtual()
                .name("eddy-serialization-copy")
                .inheritInheritableThreadLocals(false)
                .start(() -> {
                    Thread.currentThread().setContextClassLoader(parent);
                    try {
                        LibraryCalls prepared = new LibraryCalls(newLoader());
                        prepared.warmUp();
                        if (!closed) {
                            spare.set(prepared);
                        }
                    } catch (VirtualMachineError e) {
                        throw e;
                    } catch (Throwable e) {
                        // only an optimisation: environments then load their own copy
                    } finally {
                        preparing.set(false);
                    }
                });
    }

    /** A new, uninitialised copy of the library's classes. */
    SerializationLoader newLoader() {
        return new SerializationLoader(this, parent, codeSource);
    }

    /** The bytes of one of the library's classes. */
    byte[] classBytes(String className) throws ClassNotFoundException {
        byte[] b = bytes.get(className);
        if (b != null) {
            return b;
        }
        URL url = resource(className.replace('.', '/') + ".class");
        if (url == null) {
            throw new ClassNotFoundException(className);
        }
        try (InputStream in = url.openStream()) {
            b = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(className, e);
        }
        bytes.putIfAbsent(className, b);
        return b;
    }

    /** A resource of the library's packages (Joda's time zone data, service files), or null. */
    URL resource(String path) {
        return finder.getResource(path);
    }

    Enumeration<URL> resources(String path) throws IOException {
        URL one = resource(path);
        return one == null ? Collections.emptyEnumeration() : Collections.enumeration(List.of(one));
    }

    @Override
    public void close() {
        closed = true;
        spare.set(null);
        bytes.clear();
        if (own != null) {
            close(own);
        }
    }

    private static void close(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // a read-only JAR: nothing to flush
        }
    }
}
