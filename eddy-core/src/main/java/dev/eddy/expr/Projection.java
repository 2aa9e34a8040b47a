package dev.eddy.expr;

import dev.eddy.item.AttributeValue;
import java.util.List;
import java.util.Map;

/** A resolved projection expression. Immutable and thread-safe. */
public final class Projection {

    private final List<Path> paths;
    private final Projector projector;

    Projection(List<Path> paths) {
        this.paths = List.copyOf(paths);
        this.projector = new Projector(this.paths);
    }

    /** The document paths in the order they were written. */
    public List<Path> paths() {
        return paths;
    }

    /**
     * The parts of {@code item} the paths select, nested as DynamoDB returns them: maps keep only
     * the selected keys, list elements selected by index are compacted in index order. The input
     * is not modified.
     */
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        return projector.project(item);
    }
}
