package dev.eddy.store;

import static dev.eddy.store.StoreContractTest.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The {@link Transaction#beforeCommit} and {@link Transaction#afterCompletion} hooks and the
 * retries of {@link Store#run}, as every backend runs them. Part of {@link StoreContractTest}.
 */
public interface TransactionHooksContract extends StoreAccess {

    @Test
    default void beforeCommitHooksRunInOrderInsideCommitAndTheirWritesCommit() {
        List<String> events = new ArrayList<>();
        try (Transaction tx = store().begin()) {
            tx.put(b("body"), b("1"));
            tx.beforeCommit(() -> {
                events.add("before-1");
                assertThat(tx.get(b("body"))).isEqualTo(b("1"));
                tx.put(b("hook"), b("2"));
            });
            tx.beforeCommit(() -> events.add("before-2"));
            tx.afterCompletion(committed -> events.add("after-1 " + committed));
            tx.afterCompletion(committed -> events.add("after-2 " + committed));
            assertThat(events).isEmpty();
            tx.commit();
            assertThat(events).containsExactly("before-1", "before-2", "after-1 true", "after-2 true");
        }
        assertThat(events).hasSize(4); // close after commit runs nothing again
        assertThat(get("body")).isEqualTo("1");
        assertThat(get("hook")).isEqualTo("2");
    }

    @Test
    default void hooksRegisteredByABeforeCommitHookRunToo() {
        List<String> events = new ArrayList<>();
        try (Transaction tx = store().begin()) {
            tx.beforeCommit(() -> {
                events.add("outer");
                tx.afterCompletion(committed -> events.add("registered-late " + committed));
                tx.beforeCommit(() -> events.add("nested"));
            });
            tx.beforeCommit(() -> events.add("second"));
            tx.afterCompletion(committed -> events.add("registered-early " + committed));
            tx.commit();
        }
        assertThat(events)
                .containsExactly("outer", "second", "nested", "registered-early true", "registered-late true");
    }

    @Test
    default void closeWithoutCommitRunsOnlyTheCompletionHooksOnceWithFalse() {
        List<String> events = new ArrayList<>();
        Transaction tx = store().begin();
        tx.put(b("k"), b("v"));
        tx.beforeCommit(() -> events.add("before"));
        tx.afterCompletion(committed -> events.add("after " + committed));
        tx.close();
        tx.close();
        assertThat(events).containsExactly("after false");
        assertThat(get("k")).isNull();
        assertThatThrownBy(() -> tx.afterCompletion(c -> {})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tx.beforeCommit(() -> {})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    default void aConflictingCommitRunsItsBeforeHooksButCompletesWithFalse() {
        store().run(tx -> {
            tx.put(b("k"), b("0"));
            return null;
        });
        List<String> events = new ArrayList<>();
        try (Transaction loser = store().begin()) {
            loser.get(b("k"));
            loser.beforeCommit(() -> {
                events.add("before");
                loser.put(b("from-hook"), b("x"));
            });
            loser.afterCompletion(committed -> events.add("after " + committed));
            store().run(tx -> {
                tx.put(b("k"), b("1"));
                return null;
            });
            loser.put(b("k"), b("2"));
            assertThatThrownBy(loser::commit).isInstanceOf(ConflictException.class);
            assertThat(events).containsExactly("before", "after false");
        }
        assertThat(events).hasSize(2);
        assertThat(get("k")).isEqualTo("1");
        assertThat(get("from-hook")).isNull();
    }

    @Test
    default void aBeforeCommitHookThatThrowsAbortsTheCommit() {
        List<String> events = new ArrayList<>();
        Transaction tx = store().begin();
        tx.put(b("k"), b("v"));
        tx.beforeCommit(() -> {
            tx.put(b("hook"), b("v"));
            throw new IllegalArgumentException("no");
        });
        tx.beforeCommit(() -> events.add("not run"));
        tx.afterCompletion(committed -> events.add("after " + committed));
        assertThatThrownBy(tx::commit)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no");
        assertThat(events).containsExactly("after false");
        assertThatThrownBy(() -> tx.put(b("k"), b("w"))).isInstanceOf(IllegalStateException.class);
        tx.close();
        assertThat(events).hasSize(1);
        assertThat(get("k")).isNull();
        assertThat(get("hook")).isNull();
    }

    @Test
    default void aFailingCompletionHookChangesNeitherTheOutcomeNorTheOtherHooks() {
        List<String> events = new ArrayList<>();
        try (Transaction tx = store().begin()) {
            tx.put(b("k"), b("v"));
            tx.afterCompletion(committed -> {
                throw new IllegalStateException("hook bug");
            });
            tx.afterCompletion(committed -> events.add("after " + committed));
            tx.commit();
        }
        assertThat(events).containsExactly("after true");
        assertThat(get("k")).isEqualTo("v");
    }

    @Test
    default void runCompletesEveryConflictingAttemptBeforeRetrying() {
        List<Boolean> outcomes = new ArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        String result = store().run(tx -> {
            tx.afterCompletion(outcomes::add);
            tx.beforeCommit(() -> {
                if (attempts.incrementAndGet() < 3) {
                    throw new ConflictException("simulated");
                }
            });
            tx.put(b("k"), b("v"));
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(outcomes).containsExactly(false, false, true);
        assertThat(get("k")).isEqualTo("v");
    }

    @Test
    default void runGivesUpAfterTheBackendsBoundedAttempts() {
        RetryPolicy policy = store().retryPolicy();
        AtomicInteger attempts = new AtomicInteger();
        long started = System.nanoTime();
        assertThatThrownBy(() -> store().run(tx -> {
                    attempts.incrementAndGet();
                    throw new ConflictException("always");
                }))
                .isInstanceOf(ConflictException.class)
                .hasMessage("always");
        long elapsed = System.nanoTime() - started;
        assertThat(attempts.get()).isEqualTo(policy.maxAttempts());
        assertThat(elapsed).isLessThan(policy.maxElapsed().toNanos() + 1_000_000_000L);
    }

    @Test
    default void runMakesNoFurtherAttemptOnAnInterruptedThread() {
        AtomicInteger attempts = new AtomicInteger();
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> store().run(tx -> {
                        attempts.incrementAndGet();
                        throw new ConflictException("always");
                    }))
                    .isInstanceOf(ConflictException.class);
            assertThat(Thread.currentThread().isInterrupted())
                    .as("the interrupt stays set")
                    .isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(attempts).hasValue(1);
    }

    @Test
    default void commitOnAClosedStoreFailsAndCompletesWithFalse() {
        List<String> events = new ArrayList<>();
        Transaction tx = store().begin();
        tx.put(b("k"), b("v"));
        tx.beforeCommit(() -> events.add("before"));
        tx.afterCompletion(committed -> events.add("after " + committed));
        store().close();
        assertThatThrownBy(tx::commit).isInstanceOf(StoreException.class);
        tx.close();
        assertThat(events).containsExactly("before", "after false");
    }
}
