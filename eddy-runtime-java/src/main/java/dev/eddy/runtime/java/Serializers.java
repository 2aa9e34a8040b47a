package dev.eddy.runtime.java;

import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Chooses serializers for handler input and output types as the AWS Java runtime does: a
 * {@link CustomPojoSerializer} the function ships (service loader), else the AWS event
 * serializers of {@code aws-lambda-java-serialization} for supported event classes (DynamodbEvent
 * with its AttributeValue mixins, ...), else the library's Jackson setup for POJOs, maps and
 * strings. One instance per execution environment: its Jackson caches reference the function's
 * classes and die with the environment.
 */
final class Serializers {
    private final ClassLoader loader;
    private final JacksonFactory jackson;
    private final CustomPojoSerializer custom;
    private final Map<Type, PojoSerializer<Object>> cache = new ConcurrentHashMap<>();

    Serializers(ClassLoader loader) {
        this.loader = loader;
        JacksonFactory global = JacksonFactory.getInstance();
        // a copy of the runtime's mapper configuration with caches of its own
        this.jackson = global.withNamingStrategy(global.getMapper().getPropertyNamingStrategy());
        Iterator<CustomPojoSerializer> it =
                ServiceLoader.load(CustomPojoSerializer.class, loader).iterator();
        this.custom = it.hasNext() ? it.next() : null;
    }

    PojoSerializer<Object> forType(Type type) {
        return cache.computeIfAbsent(type, this::create);
    }

    @SuppressWarnings("unchecked")
    private PojoSerializer<Object> create(Type type) {
        if (custom != null) {
            return new PojoSerializer<>() {
                @Override
                public Object fromJson(InputStream input) {
                    return custom.fromJson(input, type);
                }

                @Override
                public Object fromJson(String input) {
                    return custom.fromJson(input, type);
                }

                @Override
                public void toJson(Object value, OutputStream output) {
                    custom.toJson(value, output, type);
                }
            };
        }
        if (type instanceof Class<?> c && LambdaEventSerializers.isLambdaSupportedEvent(c.getName())) {
            return LambdaEventSerializers.serializerFor((Class<Object>) c, loader);
        }
        return jackson.getSerializer(type);
    }
}
