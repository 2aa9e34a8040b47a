package dev.eddy.table;

import dev.eddy.error.EddyException;
import dev.eddy.item.AttributeValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The key condition rules of a global secondary index with a multi-attribute key: "=" on every
 * HASH attribute; RANGE attributes used left to right without gaps, "=" on each but the last one
 * used, which may use any key operator. The textual order of the AND clauses does not matter.
 */
final class MultiAttributeKeyCondition {
    private MultiAttributeKeyCondition() {}

    static KeyCondition of(Map<String, KeyCondition.Part> parts, KeySchema ks) {
        List<AttributeValue> prefix = new ArrayList<>();
        for (KeySchema.Attribute h : ks.hashKeys()) {
            KeyCondition.Part p = parts.get(h.name());
            if (p == null) {
                throw EddyException.validation("Query condition missed key schema element: " + h.name());
            }
            KeyCondition.checkType(p, h.type());
            if (!p.op().equals("=")) {
                throw EddyException.validation("Query key condition not supported");
            }
            prefix.add(p.value());
        }
        List<KeySchema.Attribute> range = ks.rangeKeys();
        int last = -1;
        for (int i = 0; i < range.size(); i++) {
            if (parts.containsKey(range.get(i).name())) {
                last = i;
            }
        }
        for (String named : parts.keySet()) {
            if (ks.typeOf(named) == null) {
                throw nonKey(range, last);
            }
        }
        if (last < 0) {
            return KeyCondition.of(prefix, ks.hashKeys().size(), null);
        }
        String lastName = range.get(last).name();
        for (int i = 0; i < last; i++) {
            KeyCondition.Part p = parts.get(range.get(i).name());
            if (p == null || !p.op().equals("=")) {
                throw EddyException.validation(
                        "RANGE key attributes " + range.get(i).name() + " must have equality "
                                + "conditions specified in the query because a condition is present on key attribute "
                                + lastName);
            }
            KeyCondition.checkType(p, range.get(i).type());
            prefix.add(p.value());
        }
        KeyCondition.Part p = parts.get(lastName);
        KeyCondition.checkType(p, range.get(last).type());
        return KeyCondition.of(prefix, ks.hashKeys().size(), new KeyCondition.Sort(p.op(), p.value(), p.high()));
    }

    /** A condition on an attribute outside the key: named as the key element the query could have meant. */
    private static EddyException nonKey(List<KeySchema.Attribute> range, int last) {
        if (last + 1 < range.size()) {
            return EddyException.validation("Query condition missed key schema element: "
                    + range.get(last + 1).name());
        }
        return EddyException.validation("Query key condition not supported");
    }
}
