package dev.eddy.store;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The base of every backend's {@link Transaction}: it owns the {@link #beforeCommit} and
 * {@link #afterCompletion} hooks, so that each backend implements only its reads, writes, commit
 * and rollback, and every backend runs the hooks with the same guarantees.
 *
 * <p>{@link #commit()} runs the before-commit hooks, then {@link #commitWrites()}; when anything of
 * that throws it {@link #rollback() rolls back}. Either way it runs the completion hooks once,
 * last. {@link #close()} rolls back and runs them with {@code false} unless they already ran. A
 * transaction committed or closed before rejects {@code commit()} and new hooks with
 * {@link IllegalStateException}; one that the store's close released fails in
 * {@code commitWrites()} (after its before-commit hooks ran).
 *
 * <p>Like the transaction itself, used by one thread at a time; hooks run on that thread. Costs
 * nothing for a transaction that registers no hook.
 */
public abstract class AbstractTransaction implements Transaction {
    private static final Logger LOG = LoggerFactory.getLogger(AbstractTransaction.class);

    private List<Runnable> beforeCommit;
    private List<Completion> afterCompletion;
    private boolean completed;

    /**
     * Commits the writes in the backend and releases the transaction, also when the commit fails.
     *
     * @throws ConflictException when the backend detected a conflicting commit
     * @throws StoreException when the store was closed
     */
    protected abstract void commitWrites();

    /** Discards the writes and releases the transaction. Idempotent; a no-op after a commit. */
    protected abstract void rollback();

    @Override
    public final void beforeCommit(Runnable hook) {
        checkNotCompleted();
        if (beforeCommit == null) {
            beforeCommit = new ArrayList<>(2);
        }
        beforeCommit.add(hook);
    }

    @Override
    public final void afterCompletion(Completion hook) {
        checkNotCompleted();
        if (afterCompletion == null) {
            afterCompletion = new ArrayList<>(2);
        }
        afterCompletion.add(hook);
    }

    @Override
    public final void commit() {
        boolean committed = false;
        try {
            checkNotCompleted();
            if (beforeCommit != null) {
                // by index: a hook may register further hooks, which run after it
                for (int i = 0; i < beforeCommit.size(); i++) {
                    beforeCommit.get(i).run();
                }
            }
            commitWrites();
            committed = true;
        } finally {
            if (!committed) {
                rollback();
            }
            complete(committed);
        }
    }

    @Override
    public final void close() {
        rollback();
        complete(false);
    }

    /**
     * Needs no call into the backend (writers register hooks on every stream write): a transaction
     * that the store's close released fails at its commit instead.
     */
    private void checkNotCompleted() {
        if (completed) {
            throw new IllegalStateException("transaction is closed");
        }
    }

    private void complete(boolean committed) {
        if (completed) {
            return;
        }
        completed = true;
        beforeCommit = null;
        List<Completion> hooks = afterCompletion;
        afterCompletion = null;
        if (hooks == null) {
            return;
        }
        for (Completion hook : hooks) {
            try {
                hook.completed(committed);
            } catch (RuntimeException e) {
                // the outcome is decided: the caller must learn it, and the other hooks must run
                LOG.warn("transaction completion hook failed (committed: {})", committed, e);
            }
        }
    }
}
