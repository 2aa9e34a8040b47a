package dev.eddy.runtime.java;

import java.io.IOException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Enumeration;

/**
 * One execution environment's private copy of {@code aws-lambda-java-serialization}: the classes
 * of {@link SerializationLibrary#PACKAGES} are defined here, child-first, from the library's bytes;
 * every other class (the JDK) comes from the parent. The copy's static state (the library's class
 * cache, Jackson's type cache, the mixin tables) therefore only ever sees the classes of the one
 * handler class loader it serves, and it becomes garbage with the environment: nothing outside
 * the environment refers to it.
 */
final class SerializationLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final SerializationLibrary library;
    private final ProtectionDomain domain;

    SerializationLoader(SerializationLibrary library, ClassLoader parent, CodeSource codeSource) {
        // unnamed, as the AWS runtime's loaders: a name would show in every stack frame of an error
        super(parent);
        this.library = library;
        this.domain = new ProtectionDomain(codeSource, null, this, null);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!SerializationLibrary.owns(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                c = findClass(name);
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (!SerializationLibrary.owns(name)) {
            throw new ClassNotFoundException(name);
        }
        byte[] bytes = library.classBytes(name);
        definePackageOf(name);
        return defineClass(name, bytes, 0, bytes.length, domain);
    }

    private void definePackageOf(String className) {
        String pkg = className.substring(0, className.lastIndexOf('.'));
        if (getDefinedPackage(pkg) == null) {
            try {
                definePackage(pkg, null, null, null, null, null, null, null);
            } catch (IllegalArgumentException raced) {
                // defined concurrently by another thread
            }
        }
    }

    @Override
    public URL getResource(String name) {
        return SerializationLibrary.ownsResource(name) ? library.resource(name) : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return SerializationLibrary.ownsResource(name) ? library.resources(name) : super.getResources(name);
    }
}
