package dev.eddy.expr;

import dev.eddy.item.AttributeValue;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** A resolved update expression. Immutable and thread-safe. */
public final class Update {

    private final List<UpdateAction> actions;
    private final List<Path> paths;
    private final Projector projector;

    Update(List<UpdateAction> actions) {
        this.actions = List.copyOf(actions);
        this.paths = this.actions.stream().map(UpdateAction::path).toList();
        this.projector = new Projector(paths);
    }

    /**
     * The item after the update. The input (an empty map when there is no item yet) is not
     * modified; attributes keep their order and new ones are appended. A pure function: it may
     * run again on a retry.
     *
     * @throws dev.eddy.error.EddyException ValidationException (without an "Invalid
     *     UpdateExpression" prefix, as DynamoDB words runtime errors) when a path is invalid for
     *     update, an operand refers to a missing attribute, has the wrong type, or a number is
     *     out of range
     */
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        return Collections.unmodifiableMap(UpdateApplier.apply(actions, item));
    }

    /** The document paths the update sets, removes, adds to or deletes from, in written order. */
    public List<Path> paths() {
        return paths;
    }

    /** The actions, resolved, in written order. */
    public List<UpdateAction> actions() {
        return actions;
    }

    /**
     * The parts of {@code item} at this update's paths (for ReturnValues UPDATED_OLD applied to
     * the old item, UPDATED_NEW to the new one).
     */
    public Map<String, AttributeValue> project(Map<String, AttributeValue> item) {
        return projector.project(item);
    }
}
