package dev.eddy.table;

import dev.eddy.error.EddyException;
import dev.eddy.item.AttributeValue;
import dev.eddy.item.Items;
import java.util.Map;

/** DynamoDB's rules for key attributes, with its messages. */
final class Keys {
    private static final String INVALID = "One or more parameter values were invalid: ";
    static final int MAX_HASH_BYTES = 2048;
    static final int MAX_RANGE_BYTES = 1024;

    private Keys() {}

    /** Checks a Key parameter: exactly the key attributes, with the declared types. */
    static void checkKey(TableMeta table, Map<String, AttributeValue> key) {
        KeySchema ks = table.key();
        if (key.size() != ks.names().size()) {
            throw EddyException.validation("The provided key element does not match the schema");
        }
        for (String name : ks.names()) {
            AttributeValue v = key.get(name);
            if (v == null || v.type() != typeOf(ks, name)) {
                throw EddyException.validation("The provided key element does not match the schema");
            }
        }
        checkValues(ks, key);
    }

    /** Checks the key attributes of a whole item (PutItem). */
    static void checkItemKey(TableMeta table, Map<String, AttributeValue> item) {
        KeySchema ks = table.key();
        for (String name : ks.names()) {
            AttributeValue v = item.get(name);
            if (v == null) {
                throw EddyException.validation(INVALID + "Missing the key " + name + " in the item");
            }
            AttributeValue.Type expected = typeOf(ks, name);
            if (v.type() != expected) {
                throw EddyException.validation(
                        INVALID + "Type mismatch for key " + name + " expected: " + expected + " actual: " + v.type());
            }
        }
        checkValues(ks, item);
    }

    private static void checkValues(KeySchema ks, Map<String, AttributeValue> item) {
        for (String name : ks.names()) {
            AttributeValue v = item.get(name);
            if (v instanceof AttributeValue.S s && s.value().isEmpty()) {
                throw EddyException.validation("One or more parameter values are not valid. The AttributeValue for a "
                        + "key attribute cannot contain an empty string value. Key: " + name);
            }
            if (v instanceof AttributeValue.B b && b.length() == 0) {
                throw EddyException.validation("One or more parameter values are not valid. The AttributeValue for a "
                        + "key attribute cannot contain an empty binary value. Key: " + name);
            }
        }
        if (Items.size(item.get(ks.hashName())) > MAX_HASH_BYTES) {
            throw EddyException.validation(
                    INVALID + "Size of hashkey has exceeded the maximum size limit of" + MAX_HASH_BYTES + " bytes");
        }
        if (ks.hasRange() && Items.size(item.get(ks.rangeName())) > MAX_RANGE_BYTES) {
            throw EddyException.validation(INVALID + "Aggregated size of all range keys has exceeded the size limit "
                    + "of " + MAX_RANGE_BYTES + " bytes");
        }
    }

    private static AttributeValue.Type typeOf(KeySchema ks, String name) {
        return name.equals(ks.hashName()) ? ks.hashType() : ks.rangeType();
    }
}
