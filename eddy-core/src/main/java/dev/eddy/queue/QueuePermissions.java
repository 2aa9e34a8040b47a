package dev.eddy.queue;

import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.Store;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * AddPermission and RemovePermission: as on AWS, each adds or removes one statement, named by its
 * label ({@code Sid}), in the queue's {@code Policy} attribute, which GetQueueAttributes shows. Eddy
 * keeps policies but does not enforce them (every request of the node's account is allowed).
 * Thread-safe (all state is in the store).
 */
public final class QueuePermissions {
    /** At most this many actions per statement. */
    public static final int MAX_ACTIONS = 7;

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_-]{1,80}");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Set<String> SHAREABLE = Set.of(
            "*",
            "SendMessage",
            "ReceiveMessage",
            "DeleteMessage",
            "ChangeMessageVisibility",
            "GetQueueAttributes",
            "GetQueueUrl",
            "ListDeadLetterSourceQueues",
            "PurgeQueue",
            "ListQueueTags",
            "StartMessageMoveTask",
            "ListMessageMoveTasks",
            "CancelMessageMoveTask");
    private static final Set<String> OWNER_ONLY = Set.of(
            "AddPermission",
            "RemovePermission",
            "SetQueueAttributes",
            "CreateQueue",
            "DeleteQueue",
            "ListQueues",
            "TagQueue",
            "UntagQueue");

    private final Store store;
    private final QueueCatalog catalog;
    private final InstantSource clock;

    QueuePermissions(Store store, QueueCatalog catalog, InstantSource clock) {
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * Adds the statement {@code label}: the accounts may call the actions on the queue.
     *
     * @throws EddyException InvalidParameterValue for a bad or existing label, account id or action;
     *     OverLimit for more than seven actions; QueueDoesNotExist
     */
    public void add(Arn.Queue queue, String label, List<String> accountIds, List<String> actions) {
        checkLabel(label);
        if (actions.size() > MAX_ACTIONS) {
            throw new EddyException(
                    ErrorCode.SQS_OVER_LIMIT,
                    actions.size() + " Actions were found, maximum allowed is " + MAX_ACTIONS + ".");
        }
        List<String> principals = new ArrayList<>();
        for (String id : accountIds) {
            if (id == null || !ACCOUNT.matcher(id).matches()) {
                throw invalid("Value [" + id + "] for parameter PrincipalId is invalid. Reason: Unable to verify.");
            }
            principals.add("arn:aws:iam::" + id + ":root");
        }
        List<String> grants = new ArrayList<>();
        for (String action : actions) {
            grants.add("SQS:" + checkAction(action));
        }
        long now = clock.millis();
        store.run(tx -> {
            QueueDescriptor d = catalog.get(tx, queue);
            QueuePolicy policy = current(d, queue);
            if (policy.statement(label).isPresent()) {
                throw invalid("Value " + label + " for parameter Label is invalid. Reason: Already exists.");
            }
            QueuePolicy next = policy.with(QueuePolicy.allow(label, principals, grants, queue.toString()));
            catalog.put(
                    tx, d.withAttributes(QueueAttributes.merge(d.attributes(), Map.of("Policy", next.render())), now));
            return null;
        });
    }

    /**
     * Removes the statement {@code label}; the policy goes when its last statement does.
     *
     * @throws EddyException InvalidParameterValue when the policy has no such statement; QueueDoesNotExist
     */
    public void remove(Arn.Queue queue, String label) {
        long now = clock.millis();
        store.run(tx -> {
            QueueDescriptor d = catalog.get(tx, queue);
            QueuePolicy policy = current(d, queue);
            if (policy.statement(label).isEmpty()) {
                throw invalid("Value " + label
                        + " for parameter Label is invalid. Reason: can't find label on existing policy.");
            }
            QueuePolicy next = policy.without(label);
            String value = next.statements().isEmpty() ? "" : next.render();
            catalog.put(tx, d.withAttributes(QueueAttributes.merge(d.attributes(), Map.of("Policy", value)), now));
            return null;
        });
    }

    private static QueuePolicy current(QueueDescriptor d, Arn.Queue queue) {
        String text = d.attributes().get("Policy");
        if (text == null || text.isEmpty()) {
            return QueuePolicy.empty(queue.toString());
        }
        // SetQueueAttributes admits only JSON objects
        return QueuePolicy.parse(text).orElseGet(() -> QueuePolicy.empty(queue.toString()));
    }

    private static void checkLabel(String label) {
        if (label == null || !LABEL.matcher(label).matches()) {
            throw invalid("Value " + label + " for parameter Label is invalid. Reason: Can only include alphanumeric"
                    + " characters, hyphens, or underscores. 1 to 80 in length.");
        }
    }

    private static String checkAction(String action) {
        String name = action != null && action.regionMatches(true, 0, "SQS:", 0, 4) ? action.substring(4) : action;
        if (name != null && SHAREABLE.contains(name)) {
            return name;
        }
        String reason = name != null && OWNER_ONLY.contains(name)
                ? "Only the queue owner is allowed to invoke this action."
                : "Please refer to the appropriate WSDL for a list of valid actions.";
        throw invalid("Value SQS:" + name + " for parameter ActionName is invalid. Reason: " + reason);
    }

    private static EddyException invalid(String message) {
        return new EddyException(ErrorCode.SQS_INVALID_PARAMETER_VALUE, message);
    }
}
