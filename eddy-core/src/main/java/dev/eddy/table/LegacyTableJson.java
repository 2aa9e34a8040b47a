package dev.eddy.table;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eddy.item.AttributeValue;
import dev.eddy.store.StoreException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads table descriptions stored before {@link TableCodec}'s format 1: the reflective JSON of
 * {@link TableMeta}, {@link KeySchema} and {@link IndexDefinition}, members named after the record
 * components, enums by name. As that mapping did, an absent member leaves its field zero, false,
 * null (or empty, for collections) and an unknown member is skipped. Never written any more; the
 * names below are frozen and must not follow renamed components. Thread-safe.
 */
final class LegacyTableJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private LegacyTableJson() {}

    static TableMeta read(byte[] bytes) {
        try (JsonParser p = FACTORY.createParser(bytes)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT);
            TableMeta.Builder b = TableMeta.builder();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String member = p.currentName();
                p.nextToken();
                switch (member) {
                    case "name" -> b.name(text(p));
                    case "id" -> b.id(number(p));
                    case "uuid" -> b.uuid(text(p));
                    case "key" -> b.key(keySchema(p));
                    case "attributeDefinitions" -> b.attributeDefinitions(definitions(p));
                    case "billingMode" -> b.billingMode(BillingMode.fromWire(text(p)));
                    case "readCapacity" -> b.readCapacity(number(p));
                    case "writeCapacity" -> b.writeCapacity(number(p));
                    case "globalIndexes" -> b.globalIndexes(indexes(p));
                    case "localIndexes" -> b.localIndexes(indexes(p));
                    case "streamEnabled" -> b.streamEnabled(bool(p));
                    case "streamViewType" -> b.streamViewType(StreamViewType.fromWire(text(p)));
                    case "latestStreamLabel" -> b.latestStreamLabel(text(p));
                    case "tags" -> b.tags(tags(p));
                    case "createdMillis" -> b.createdMillis(number(p));
                    case "payPerRequestSinceMillis" -> b.payPerRequestSinceMillis(number(p));
                    case "deletionProtection" -> b.deletionProtection(bool(p));
                    case "tableClass" -> b.tableClass(text(p));
                    case "ttlAttribute" -> b.ttlAttribute(text(p));
                    case "ttlEnabled" -> b.ttlEnabled(bool(p));
                    case "ttlChangedMillis" -> b.ttlChangedMillis(number(p));
                    default -> p.skipChildren();
                }
            }
            expect(p, p.currentToken(), JsonToken.END_OBJECT);
            return b.build();
        } catch (IOException | IllegalArgumentException e) {
            throw new StoreException("unreadable table description", e);
        }
    }

    private static KeySchema keySchema(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, p.currentToken(), JsonToken.START_OBJECT);
        String hashName = null;
        String hashType = null;
        String rangeName = null;
        String rangeType = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String member = p.currentName();
            p.nextToken();
            switch (member) {
                case "hashName" -> hashName = text(p);
                case "hashType" -> hashType = text(p);
                case "rangeName" -> rangeName = text(p);
                case "rangeType" -> rangeType = text(p);
                default -> p.skipChildren();
            }
        }
        return new KeySchema(hashName, type(hashType), rangeName, type(rangeType));
    }

    private static List<IndexDefinition> indexes(JsonParser p) throws IOException {
        List<IndexDefinition> out = new ArrayList<>();
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return out;
        }
        expect(p, p.currentToken(), JsonToken.START_ARRAY);
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(index(p));
        }
        return out;
    }

    private static IndexDefinition index(JsonParser p) throws IOException {
        expect(p, p.currentToken(), JsonToken.START_OBJECT);
        String name = null;
        boolean global = false;
        KeySchema key = null;
        String projectionType = null;
        List<String> nonKeyAttributes = null;
        long readCapacity = 0;
        long writeCapacity = 0;
        String status = null;
        boolean backfilling = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String member = p.currentName();
            p.nextToken();
            switch (member) {
                case "name" -> name = text(p);
                case "global" -> global = bool(p);
                case "key" -> key = keySchema(p);
                case "projectionType" -> projectionType = text(p);
                case "nonKeyAttributes" -> nonKeyAttributes = strings(p);
                case "readCapacity" -> readCapacity = number(p);
                case "writeCapacity" -> writeCapacity = number(p);
                case "status" -> status = text(p);
                case "backfilling" -> backfilling = bool(p);
                default -> p.skipChildren();
            }
        }
        return new IndexDefinition(
                name,
                global,
                key,
                projectionType,
                nonKeyAttributes,
                readCapacity,
                writeCapacity,
                IndexStatus.fromWire(status),
                backfilling);
    }

    private static List<String> strings(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, p.currentToken(), JsonToken.START_ARRAY);
        List<String> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(text(p));
        }
        return out;
    }

    private static Map<String, AttributeValue.Type> definitions(JsonParser p) throws IOException {
        Map<String, AttributeValue.Type> out = new HashMap<>();
        for (Map.Entry<String, String> e : tags(p).entrySet()) {
            out.put(e.getKey(), type(e.getValue()));
        }
        return out;
    }

    private static Map<String, String> tags(JsonParser p) throws IOException {
        Map<String, String> out = new HashMap<>();
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return out;
        }
        expect(p, p.currentToken(), JsonToken.START_OBJECT);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            out.put(name, text(p));
        }
        return out;
    }

    private static String text(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> p.getText();
            default -> throw unexpected(p, "a string");
        };
    }

    private static long number(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NULL -> 0;
            case VALUE_NUMBER_INT -> p.getLongValue();
            default -> throw unexpected(p, "a whole number");
        };
    }

    private static boolean bool(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NULL, VALUE_FALSE -> false;
            case VALUE_TRUE -> true;
            default -> throw unexpected(p, "a boolean");
        };
    }

    private static AttributeValue.Type type(String name) {
        return name == null ? null : AttributeValue.Type.valueOf(name);
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw unexpected(p, expected.asString());
        }
    }

    private static IOException unexpected(JsonParser p, String expected) {
        return new IOException("expected " + expected + " at " + p.currentLocation() + ", found " + p.currentToken());
    }
}
