package dev.eddy.stream;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eddy.table.StreamViewType;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads format 0 of {@link StreamCodec}: the JSON objects that stream descriptors and shard
 * states were first stored as (one member per record component, under the component's name).
 * Read-only: nothing writes this format any more. Every member must be present, so that a
 * renamed or missing one fails loudly instead of reading as a default; members not listed here
 * are ignored, as they always were.
 */
final class StreamJsonV0 {
    private static final JsonFactory JSON = new JsonFactory();

    private StreamJsonV0() {}

    static StreamDescriptor descriptor(byte[] bytes) {
        Members m = parse(bytes, "stream descriptor");
        return new StreamDescriptor(
                m.number("id"),
                m.string("tableName"),
                m.string("tableUuid"),
                m.string("label"),
                viewType(m),
                m.string("hashKey"),
                m.string("rangeKey"),
                m.number("createdMillis"),
                m.integer("partitions"),
                m.integer("salt"),
                m.bool("disabled"),
                m.number("disabledMillis"));
    }

    private static StreamViewType viewType(Members m) {
        try {
            return StreamViewType.fromWire(m.string("viewType"));
        } catch (IllegalArgumentException e) {
            throw StreamCodec.unreadable("stream descriptor (format 0): member viewType", e);
        }
    }

    static ShardState shard(byte[] bytes) {
        Members m = parse(bytes, "shard state");
        return new ShardState(
                m.integer("partition"),
                m.integer("generation"),
                m.number("createdMillis"),
                m.number("parentCreatedMillis"),
                m.number("start"),
                m.number("end"));
    }

    /** The scalar members of one flat JSON object. */
    private static Members parse(byte[] bytes, String what) {
        Map<String, Object> values = new HashMap<>();
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw StreamCodec.unreadable(what + " (format 0)", null);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                values.put(
                        name,
                        switch (t) {
                            case VALUE_NUMBER_INT -> p.getLongValue();
                            case VALUE_STRING -> p.getText();
                            case VALUE_TRUE -> Boolean.TRUE;
                            case VALUE_FALSE -> Boolean.FALSE;
                            case VALUE_NULL -> Members.NULL;
                            default -> {
                                p.skipChildren();
                                yield Members.OTHER;
                            }
                        });
            }
        } catch (IOException e) {
            throw StreamCodec.unreadable(what + " (format 0)", e);
        }
        return new Members(values, what);
    }

    private record Members(Map<String, Object> values, String what) {
        static final Object NULL = new Object();
        static final Object OTHER = new Object();

        private Object get(String name, Class<?> type, boolean nullable) {
            Object v = values.get(name);
            if (v == NULL && nullable) {
                return null;
            }
            if (!type.isInstance(v)) {
                throw StreamCodec.unreadable(
                        what + " (format 0): member " + name + " is missing or of another type", null);
            }
            return v;
        }

        long number(String name) {
            return (Long) get(name, Long.class, false);
        }

        int integer(String name) {
            long v = number(name);
            if (v != (int) v) {
                throw StreamCodec.unreadable(what + " (format 0): member " + name + " out of range", null);
            }
            return (int) v;
        }

        String string(String name) {
            return (String) get(name, String.class, true);
        }

        boolean bool(String name) {
            return (Boolean) get(name, Boolean.class, false);
        }
    }
}
