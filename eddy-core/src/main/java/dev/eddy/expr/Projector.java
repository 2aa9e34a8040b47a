package dev.eddy.expr;

import dev.eddy.item.AttributeValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Copies the parts of an item that a set of non-overlapping document paths select, shaped as
 * DynamoDB returns them: maps keep only the selected keys (in the item's order), lists keep the
 * selected elements in index order, compacted; nothing is returned for a path that selects
 * nothing.
 */
final class Projector {

    /** A trie of the selected paths. A node has name children or index children, never both. */
    private static final class Node {
        boolean whole;
        final Map<String, Node> names = new LinkedHashMap<>();
        final TreeMap<Integer, Node> indexes = new TreeMap<>();
    }

    private final Node root = new Node();

    Projector(List<Path> paths) {
        for (Path path : paths) {
            Node node = root;
            for (Path.Element e : path.elements()) {
                node = switch (e) {
                    case Path.Name n -> node.names.computeIfAbsent(n.name(), k -> new Node());
                    case Path.Index i -> node.indexes.computeIfAbsent(i.index(), k -> new Node());
                };
            }
            node.whole = true;
        }
    }

    Map<String, AttributeValue> project(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> result = new LinkedHashMap<>();
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            Node node = root.names.get(e.getKey());
            AttributeValue selected = node == null ? null : select(e.getValue(), node);
            if (selected != null) {
                result.put(e.getKey(), selected);
            }
        }
        return result;
    }

    private static AttributeValue select(AttributeValue value, Node node) {
        if (node.whole) {
            return value;
        }
        if (!node.names.isEmpty() && value instanceof AttributeValue.M m) {
            Map<String, AttributeValue> kept = new LinkedHashMap<>();
            for (Map.Entry<String, AttributeValue> e : m.values().entrySet()) {
                Node child = node.names.get(e.getKey());
                AttributeValue selected = child == null ? null : select(e.getValue(), child);
                if (selected != null) {
                    kept.put(e.getKey(), selected);
                }
            }
            return kept.isEmpty() ? null : new AttributeValue.M(kept);
        }
        if (!node.indexes.isEmpty() && value instanceof AttributeValue.L l) {
            List<AttributeValue> kept = new ArrayList<>();
            for (Map.Entry<Integer, Node> e : node.indexes.entrySet()) {
                if (e.getKey() < l.values().size()) {
                    AttributeValue selected = select(l.values().get(e.getKey()), e.getValue());
                    if (selected != null) {
                        kept.add(selected);
                    }
                }
            }
            return kept.isEmpty() ? null : new AttributeValue.L(kept);
        }
        return null;
    }
}
