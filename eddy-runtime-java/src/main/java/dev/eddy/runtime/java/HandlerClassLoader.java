package dev.eddy.runtime.java;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class loader of one execution environment, over the function's task root and
 * {@code lib/*.jar}. JDK classes and the shared Lambda interfaces come from the parent first (as
 * the AWS runtime's parent-first loader over a bare system loader does); every other class is
 * defined here, child-first, with {@link SystemCallRewriter} applied, so static state and bundled
 * libraries belong to this environment alone. Unreachable after {@link #close()} and the end of
 * its threads, the loader and all its classes can be collected.
 */
final class HandlerClassLoader extends URLClassLoader {
    private static final String SHIM = SystemCallRewriter.SHIM.replace('/', '.');
    private static final List<String> JDK_PREFIXES =
            List.of("java.", "javax.", "jdk.", "sun.", "com.sun.", "org.w3c.", "org.xml.", "org.ietf.");

    static {
        registerAsParallelCapable();
    }

    private final Map<URL, ProtectionDomain> domains = new ConcurrentHashMap<>();

    HandlerClassLoader(URL[] urls, LambdaApiClassLoader parent) {
        super(urls, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = locate(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    private Class<?> locate(String name) throws ClassNotFoundException {
        if (name.startsWith(SHIM)) {
            return defineShim(name);
        }
        if (LambdaApiClassLoader.isShared(name) || name.startsWith("java.")) {
            return getParent().loadClass(name);
        }
        if (isJdk(name)) {
            try {
                return getParent().loadClass(name);
            } catch (ClassNotFoundException e) {
                return findClass(name);
            }
        }
        try {
            return findClass(name);
        } catch (ClassNotFoundException e) {
            return getParent().loadClass(name);
        }
    }

    private static boolean isJdk(String name) {
        for (String p : JDK_PREFIXES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String path = name.replace('.', '/') + ".class";
        URL url = findResource(path);
        if (url == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes;
        try (InputStream in = url.openStream()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        bytes = SystemCallRewriter.rewrite(bytes);
        definePackageOf(name);
        return defineClass(name, bytes, 0, bytes.length, domain(url, path));
    }

    private Class<?> defineShim(String name) throws ClassNotFoundException {
        String path = name.replace('.', '/') + ".class";
        try (InputStream in = HandlerClassLoader.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            definePackageOf(name);
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void definePackageOf(String className) {
        int dot = className.lastIndexOf('.');
        if (dot > 0) {
            String pkg = className.substring(0, dot);
            if (getDefinedPackage(pkg) == null) {
                try {
                    definePackage(pkg, null, null, null, null, null, null, null);
                } catch (IllegalArgumentException raced) {
                    // defined concurrently by another thread
                }
            }
        }
    }

    private ProtectionDomain domain(URL classUrl, String path) {
        URL base = classUrl;
        try {
            if ("jar".equals(classUrl.getProtocol())) {
                base = ((JarURLConnection) classUrl.openConnection()).getJarFileURL();
            } else {
                String s = classUrl.toString();
                base = URI.create(s.substring(0, s.length() - path.length())).toURL();
            }
        } catch (IOException | IllegalArgumentException e) {
            // keep the class URL itself as the code source
        }
        return domains.computeIfAbsent(
                base, u -> new ProtectionDomain(new CodeSource(u, (Certificate[]) null), null, this, null));
    }

    @Override
    public URL getResource(String name) {
        URL u = findResource(name);
        return u != null ? u : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }
}
