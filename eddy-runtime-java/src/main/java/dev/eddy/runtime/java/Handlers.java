package dev.eddy.runtime.java;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves a handler string to something callable, with the AWS Java runtime's rules: split at
 * the last {@code ::}; a bare class must implement {@link RequestStreamHandler} or {@link
 * RequestHandler} with concrete type arguments; a method name selects among public overloads
 * (non-bridge first, then the longest signature, a trailing Context counting one extra).
 */
final class Handlers {
    private static final byte[] JSON_NULL = {'n', 'u', 'l', 'l'};

    private Handlers() {}

    /** A loaded handler, called with the raw event, the output and the context. */
    interface Callable {
        void call(InputStream in, OutputStream out, Context context) throws Throwable;
    }

    /** Loads the class (running its static initialiser) and instantiates the handler: the init phase. */
    static Callable load(String handler, ClassLoader loader, Serializers serializers) throws HandlerFault {
        int sep = handler == null ? -1 : handler.lastIndexOf("::");
        String className = sep < 0 ? handler : handler.substring(0, sep);
        String methodName = sep < 0 ? null : handler.substring(sep + 2);
        if (className == null || className.isEmpty() || (methodName != null && methodName.isEmpty())) {
            throw new HandlerFault("Invalid handler: `" + handler + "'", null, null);
        }
        Class<?> clazz;
        try {
            clazz = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new HandlerFault("Class not found: " + className, e.getClass().getName(), e);
        } catch (Throwable t) {
            throw new HandlerFault(
                    "Error loading class " + className + (t.getMessage() == null ? "" : ": " + t.getMessage()),
                    t.getClass().getName(),
                    t);
        }
        return methodName == null ? forClass(clazz, serializers) : forMethod(clazz, methodName, serializers);
    }

    private static Callable forClass(Class<?> clazz, Serializers serializers) throws HandlerFault {
        if (RequestStreamHandler.class.isAssignableFrom(clazz)) {
            RequestStreamHandler h = (RequestStreamHandler) instantiate(clazz);
            return h::handleRequest;
        }
        if (RequestHandler.class.isAssignableFrom(clazz)) {
            Type[] types = requestHandlerTypes(clazz);
            if (types == null) {
                throw new HandlerFault(
                        "Class " + clazz.getName() + " does not implement RequestHandler with concrete type parameters",
                        null,
                        null);
            }
            @SuppressWarnings("unchecked")
            RequestHandler<Object, Object> h = (RequestHandler<Object, Object>) instantiate(clazz);
            return pojo(types[0], types[1], serializers, h::handleRequest);
        }
        throw new HandlerFault(
                "Class does not implement an appropriate handler interface: " + clazz.getName(), null, null);
    }

    private interface PojoCall {
        Object apply(Object input, Context context) throws Throwable;
    }

    private static Callable pojo(Type in, Type out, Serializers serializers, PojoCall call) {
        boolean hasOutput = out != null && !isVoid(out);
        // serializers are created in the init phase, as the AWS runtime does
        var inSer = in == null ? null : serializers.forType(in);
        var outSer = hasOutput ? serializers.forType(out) : null;
        return (input, output, context) -> {
            Object value;
            try {
                value = inSer == null ? null : inSer.fromJson(input);
            } catch (Throwable t) {
                throw new RuntimeException(
                        "An error occurred during JSON parsing", Errors.filter(t, new java.util.HashSet<>()));
            }
            Object result = call.apply(value, context);
            try {
                if (outSer != null) {
                    outSer.toJson(result, output);
                } else {
                    output.write(JSON_NULL);
                }
            } catch (Throwable t) {
                throw new RuntimeException("An error occurred during JSON serialization of response", t);
            }
        };
    }

    private static Callable forMethod(Class<?> clazz, String name, Serializers serializers) throws HandlerFault {
        List<Method> candidates = new ArrayList<>();
        for (Method m : clazz.getMethods()) {
            if (m.getName().equals(name)) {
                candidates.add(m);
            }
        }
        candidates.sort(Comparator.comparing(Method::isBridge).thenComparing(m -> -weight(m)));
        for (Method m : candidates) {
            Callable c = fromOverload(clazz, m, serializers);
            if (c != null) {
                return c;
            }
        }
        throw new HandlerFault(
                "No public method named " + name + " with appropriate method signature found on class "
                        + clazz.getName(),
                null,
                null);
    }

    private static int weight(Method m) {
        Class<?>[] p = m.getParameterTypes();
        return p.length + (p.length > 0 && p[p.length - 1] == Context.class ? 1 : 0);
    }

    private static Callable fromOverload(Class<?> clazz, Method m, Serializers serializers) throws HandlerFault {
        Type[] p = m.getGenericParameterTypes();
        Type r = m.getGenericReturnType();
        switch (p.length) {
            case 0:
                return pojoMethod(clazz, m, null, r, false, serializers);
            case 1:
                if (p[0] == InputStream.class) {
                    return streamMethod(clazz, m, true, false, false);
                } else if (p[0] == OutputStream.class) {
                    return streamMethod(clazz, m, false, true, false);
                } else if (p[0] == Context.class) {
                    return pojoMethod(clazz, m, null, r, true, serializers);
                }
                return pojoMethod(clazz, m, p[0], r, false, serializers);
            case 2:
                if (p[0] == OutputStream.class) {
                    return p[1] == Context.class ? streamMethod(clazz, m, false, true, true) : null;
                } else if (p[0] == Context.class) {
                    return null;
                } else if (p[0] == InputStream.class) {
                    if (p[1] == OutputStream.class) {
                        return streamMethod(clazz, m, true, true, false);
                    }
                    return p[1] == Context.class ? streamMethod(clazz, m, true, false, true) : null;
                }
                return p[1] == Context.class ? pojoMethod(clazz, m, p[0], r, true, serializers) : null;
            case 3:
                return p[0] == InputStream.class && p[1] == OutputStream.class && p[2] == Context.class
                        ? streamMethod(clazz, m, true, true, true)
                        : null;
            default:
                return null; // more than three parameters: ignored, as the AWS runtime does
        }
    }

    private static Callable pojoMethod(
            Class<?> clazz, Method m, Type in, Type out, boolean context, Serializers serializers) throws HandlerFault {
        Object instance = Modifier.isStatic(m.getModifiers()) ? null : instantiate(clazz);
        return pojo(in, out, serializers, (input, ctx) -> {
            Object[] args = new Object[(in != null ? 1 : 0) + (context ? 1 : 0)];
            int i = 0;
            if (in != null) {
                args[i++] = input;
            }
            if (context) {
                args[i] = ctx;
            }
            return invoke(m, instance, args);
        });
    }

    private static Callable streamMethod(Class<?> clazz, Method m, boolean in, boolean out, boolean context)
            throws HandlerFault {
        Object instance = Modifier.isStatic(m.getModifiers()) ? null : instantiate(clazz);
        return (input, output, ctx) -> {
            List<Object> args = new ArrayList<>(3);
            if (in) {
                args.add(input);
            }
            if (out) {
                args.add(output);
            }
            if (context) {
                args.add(ctx);
            }
            invoke(m, instance, args.toArray());
        };
    }

    private static Object invoke(Method m, Object instance, Object[] args) throws Throwable {
        try {
            return m.invoke(instance, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() != null ? e.getCause() : e;
        }
    }

    private static Object instantiate(Class<?> clazz) throws HandlerFault {
        Constructor<?> ctor;
        try {
            ctor = clazz.getConstructor();
        } catch (NoSuchMethodException e) {
            if (clazz.getEnclosingClass() != null && !Modifier.isStatic(clazz.getModifiers())) {
                throw new HandlerFault(
                        "Class " + clazz.getName() + " cannot be instantiated because it is a non-static inner class",
                        "java.lang.Exception",
                        e);
            }
            throw new HandlerFault(
                    "Class " + clazz.getName() + " has no public zero-argument constructor", "java.lang.Exception", e);
        }
        try {
            return ctor.newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw HandlerFault.of(Errors.filter(cause, new java.util.HashSet<>()));
        } catch (ReflectiveOperationException e) {
            throw HandlerFault.of(e);
        }
    }

    private static boolean isVoid(Type t) {
        return t == void.class || t == Void.class;
    }

    /** The concrete {@code <I, O>} of RequestHandler as implemented by {@code clazz}, or null. */
    static Type[] requestHandlerTypes(Class<?> clazz) {
        return search(clazz, Map.of());
    }

    private static Type[] search(Type type, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw;
        Map<TypeVariable<?>, Type> here = new HashMap<>();
        if (type instanceof ParameterizedType pt) {
            raw = (Class<?>) pt.getRawType();
            TypeVariable<?>[] vars = raw.getTypeParameters();
            Type[] args = pt.getActualTypeArguments();
            for (int i = 0; i < vars.length; i++) {
                here.put(vars[i], substitute(args[i], bindings));
            }
            if (raw == RequestHandler.class) {
                Type[] result = Arrays.stream(vars).map(here::get).toArray(Type[]::new);
                for (int i = 0; i < result.length; i++) {
                    if (result[i] instanceof TypeVariable<?> tv) {
                        Type bound = tv.getBounds()[0];
                        if (bound == Object.class) {
                            return null;
                        }
                        result[i] = bound;
                    }
                }
                return result;
            }
        } else if (type instanceof Class<?> c) {
            raw = c;
            if (raw == RequestHandler.class) {
                return null; // raw type: no concrete parameters
            }
        } else {
            return null;
        }
        List<Type> supers = new ArrayList<>(Arrays.asList(raw.getGenericInterfaces()));
        if (raw.getGenericSuperclass() != null) {
            supers.add(raw.getGenericSuperclass());
        }
        for (Type s : supers) {
            Type[] found = search(s, here);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static Type substitute(Type t, Map<TypeVariable<?>, Type> bindings) {
        if (t instanceof TypeVariable<?> tv && bindings.containsKey(tv)) {
            return bindings.get(tv);
        }
        return t;
    }
}
