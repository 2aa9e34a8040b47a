package dev.eddy.table;

import dev.eddy.item.AttributeValue;
import java.util.ArrayList;
import java.util.List;

/**
 * The key of a table or index: its partition (HASH) attributes and its sort (RANGE) attributes, in
 * KeySchema order. Tables and local secondary indexes have exactly one HASH and at most one RANGE
 * attribute; a global secondary index may have up to four of each (a multi-attribute key), whose
 * HASH values together select a partition and whose RANGE values sort it as a tuple.
 *
 * @param hashKeys one or more partition key attributes
 * @param rangeKeys zero or more sort key attributes
 */
public record KeySchema(List<Attribute> hashKeys, List<Attribute> rangeKeys) {

    /** One key attribute and its declared type (S, N or B). */
    public record Attribute(String name, AttributeValue.Type type) {}

    public KeySchema {
        hashKeys = List.copyOf(hashKeys);
        rangeKeys = List.copyOf(rangeKeys);
    }

    /** A single-attribute key: one HASH attribute and, when {@code rangeName} is not null, one RANGE attribute. */
    public KeySchema(String hashName, AttributeValue.Type hashType, String rangeName, AttributeValue.Type rangeType) {
        this(
                List.of(new Attribute(hashName, hashType)),
                rangeName == null ? List.of() : List.of(new Attribute(rangeName, rangeType)));
    }

    /** The first (for a table or LSI: the only) partition key attribute. */
    public String hashName() {
        return hashKeys.getFirst().name();
    }

    public AttributeValue.Type hashType() {
        return hashKeys.getFirst().type();
    }

    /** The first (for a table or LSI: the only) sort key attribute; null without one. */
    public String rangeName() {
        return rangeKeys.isEmpty() ? null : rangeKeys.getFirst().name();
    }

    public AttributeValue.Type rangeType() {
        return rangeKeys.isEmpty() ? null : rangeKeys.getFirst().type();
    }

    public boolean hasRange() {
        return !rangeKeys.isEmpty();
    }

    /** Whether the key has more than one HASH or more than one RANGE attribute (GSIs only). */
    public boolean multiAttribute() {
        return hashKeys.size() > 1 || rangeKeys.size() > 1;
    }

    /** The key attribute names in KeySchema order: partition key attributes first. */
    public List<String> names() {
        List<String> names = new ArrayList<>(hashKeys.size() + rangeKeys.size());
        hashKeys.forEach(a -> names.add(a.name()));
        rangeKeys.forEach(a -> names.add(a.name()));
        return names;
    }

    /** Every key attribute in KeySchema order. */
    public List<Attribute> attributes() {
        List<Attribute> all = new ArrayList<>(hashKeys);
        all.addAll(rangeKeys);
        return all;
    }

    /** The declared type of key attribute {@code name}; null when it is not a key attribute. */
    public AttributeValue.Type typeOf(String name) {
        for (Attribute a : attributes()) {
            if (a.name().equals(name)) {
                return a.type();
            }
        }
        return null;
    }
}
