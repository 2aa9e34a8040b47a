package dev.eddy.table;

import dev.eddy.item.AttributeValue;
import java.util.ArrayList;
import java.util.List;

/** The key of a table or index: a partition (HASH) key and an optional sort (RANGE) key. */
public record KeySchema(
        String hashName, AttributeValue.Type hashType, String rangeName, AttributeValue.Type rangeType) {

    public boolean hasRange() {
        return rangeName != null;
    }

    /** The key attribute names, partition key first. */
    public List<String> names() {
        List<String> names = new ArrayList<>(2);
        names.add(hashName);
        if (rangeName != null) {
            names.add(rangeName);
        }
        return names;
    }
}
