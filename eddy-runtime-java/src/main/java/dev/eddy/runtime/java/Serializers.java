package dev.eddy.runtime.java;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses serializers for handler input and output types as the AWS Java runtime does: a {@link
 * CustomPojoSerializer} the function ships (service loader), else the AWS event serializers of
 * {@code aws-lambda-java-serialization} for supported event classes (DynamodbEvent with its
 * AttributeValue mixins, ...), else the library's Jackson setup for POJOs, maps and strings.
 *
 * <p>One instance per execution environment, with the environment's own copy of the library
 * ({@link SerializationLoader}, reached through {@link LibraryCalls}): the library caches the
 * customer classes it resolves in statics, which a copy shared by several environments would
 * fill with the first environment's classes. The copy is taken on the first serializer asked for,
 * so a stream handler never uses one. Serializers are created in the init phase, on the
 * environment's thread.
 */
final class Serializers {
    /** A serializer for one type, as Eddy calls it. */
    interface Codec {
        Object fromJson(InputStream input) throws Throwable;

        void toJson(Object value, OutputStream output) throws Throwable;
    }

    private final ClassLoader loader;
    private final SerializationLibrary library;
    private final CustomPojoSerializer custom;
    private final Map<Type, Codec> cache = new ConcurrentHashMap<>();
    private LibraryCalls calls;

    /** Serializers for the handler classes of {@code loader}, with a copy of {@code library}. */
    Serializers(ClassLoader loader, SerializationLibrary library) {
        this.loader = loader;
        this.library = library;
        Iterator<CustomPojoSerializer> it =
                ServiceLoader.load(CustomPojoSerializer.class, loader).iterator();
        this.custom = it.hasNext() ? it.next() : null;
    }

    Codec forType(Type type) {
        return cache.computeIfAbsent(type, this::create);
    }

    /** The environment's copy of the library, once a serializer needed it; for tests. */
    synchronized ClassLoader libraryCopy() {
        return calls == null ? null : calls.loader();
    }

    private Codec create(Type type) {
        if (custom != null) {
            return new Codec() {
                @Override
                public Object fromJson(InputStream input) {
                    return custom.fromJson(input, type);
                }

                @Override
                public void toJson(Object value, OutputStream output) {
                    custom.toJson(value, output, type);
                }
            };
        }
        LibraryCalls lib = calls();
        if (type instanceof Class<?> c && lib.isLambdaSupportedEvent(c.getName())) {
            return lib.eventSerializer(c, loader);
        }
        return lib.jacksonSerializer(type);
    }

    private synchronized LibraryCalls calls() {
        if (calls == null) {
            try {
                calls = library.copy();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("aws-lambda-java-serialization is incomplete", e);
            }
        }
        return calls;
    }
}
