package dev.eddy.runtime.java;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Eddy's only door into one private copy of {@code aws-lambda-java-serialization} (see {@link
 * SerializationLoader}). The copy's types are not the ones Eddy was compiled against, so its entry
 * points are looked up as method handles, once per copy, and its serializers are wrapped as {@link
 * Serializers.Codec}. Nothing here is static: the handles refer to the copy's classes and must die
 * with the environment. Called on the environment's thread only.
 */
final class LibraryCalls {
    private static final String RUNTIME = "com.amazonaws.services.lambda.runtime.serialization.";

    private final MethodHandle isLambdaSupportedEvent;
    private final MethodHandle serializerFor;
    private final MethodHandle jacksonSerializer;
    private final MethodHandle fromJson;
    private final MethodHandle toJson;
    private final ClassLoader copy;

    /** Looks up the entry points of the copy defined by {@code copy}, initialising its factories. */
    LibraryCalls(ClassLoader copy) throws ReflectiveOperationException {
        this.copy = copy;
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        Class<?> serializer = Class.forName(RUNTIME + "PojoSerializer", false, copy);
        Class<?> events = Class.forName(RUNTIME + "events.LambdaEventSerializers", true, copy);
        Class<?> jackson = Class.forName(RUNTIME + "factories.JacksonFactory", true, copy);
        this.isLambdaSupportedEvent =
                lookup.findStatic(events, "isLambdaSupportedEvent", MethodType.methodType(boolean.class, String.class));
        this.serializerFor = lookup.findStatic(
                        events, "serializerFor", MethodType.methodType(serializer, Class.class, ClassLoader.class))
                .asType(MethodType.methodType(Object.class, Class.class, ClassLoader.class));
        // the copy's runtime-wide Jackson setup: its caches are this environment's alone
        Object factory = jackson.getMethod("getInstance").invoke(null);
        this.jacksonSerializer = lookup.findVirtual(
                        jackson, "getSerializer", MethodType.methodType(serializer, Type.class))
                .bindTo(factory)
                .asType(MethodType.methodType(Object.class, Type.class));
        // PojoSerializer<T>: erased to Object
        this.fromJson = lookup.findVirtual(
                        serializer, "fromJson", MethodType.methodType(Object.class, InputStream.class))
                .asType(MethodType.methodType(Object.class, Object.class, InputStream.class));
        this.toJson = lookup.findVirtual(
                        serializer, "toJson", MethodType.methodType(void.class, Object.class, OutputStream.class))
                .asType(MethodType.methodType(void.class, Object.class, Object.class, OutputStream.class));
    }

    /**
     * Runs the copy once over a small document, so that the work of a first use (class loading
     * and linking, the mapper's own caches of JDK types) is done before an environment needs it.
     */
    void warmUp() throws Throwable {
        isLambdaSupportedEvent("warm.Up");
        byte[] json = ("{\"name\":\"warm\",\"count\":1,\"ratio\":1.5,\"on\":true,\"time\":1700000000000,"
                        + "\"tags\":[\"a\"],\"attributes\":{\"k\":{\"n\":[1,2.5,null,\"s\"]}},\"children\":[{}]}")
                .getBytes(StandardCharsets.UTF_8);
        for (Type type : List.of(Map.class, Sample.class)) {
            Serializers.Codec codec = jacksonSerializer(type);
            codec.toJson(codec.fromJson(new ByteArrayInputStream(json)), OutputStream.nullOutputStream());
        }
    }

    /** The warm-up's bean: the shapes of an event (strings, numbers, dates, lists, maps, nesting). */
    public static final class Sample {
        public String name;
        public int count;
        public double ratio;
        public Boolean on;
        public java.util.Date time;
        public List<String> tags;
        public Map<String, Object> attributes;
        public List<Sample> children;
    }

    /** The class loader of the copy. */
    ClassLoader loader() {
        return copy;
    }

    /** Whether the library has an event serializer (mixins, naming) for the class of that name. */
    boolean isLambdaSupportedEvent(String className) {
        try {
            return (boolean) isLambdaSupportedEvent.invokeExact(className);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The event serializer for {@code event}, resolving its nested classes in {@code loader}. */
    Serializers.Codec eventSerializer(Class<?> event, ClassLoader loader) {
        try {
            return codec((Object) serializerFor.invokeExact(event, loader));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** The copy's Jackson serializer for a POJO, a map, a list or a string. */
    Serializers.Codec jacksonSerializer(Type type) {
        try {
            return codec((Object) jacksonSerializer.invokeExact(type));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    private Serializers.Codec codec(Object serializer) {
        MethodHandle from = fromJson.bindTo(serializer);
        MethodHandle to = toJson.bindTo(serializer);
        return new Serializers.Codec() {
            @Override
            public Object fromJson(InputStream in) throws Throwable {
                return (Object) from.invokeExact(in);
            }

            @Override
            public void toJson(Object value, OutputStream out) throws Throwable {
                to.invokeExact(value, out);
            }
        };
    }
}
