package dev.eddy.table;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.ConflictException;
import dev.eddy.store.KeyRange;
import dev.eddy.store.KeyValue;
import dev.eddy.store.Keyspace;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import dev.eddy.store.Tuple;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;

/**
 * ClientRequestToken bookkeeping for TransactWriteItems and ExecuteTransaction. A token is
 * recorded in the store, in the same transaction as the writes it guards, under
 * META ("txtoken", token) with the request's fingerprint and its expiry, plus an expiry entry
 * META ("txtoken-expiry", expiresAt, token) from which expired tokens are swept. Recording in the
 * writing transaction makes "first use wins" exact: two concurrent requests with one token
 * conflict, and the retried one then finds the token and replays. Tokens survive restarts.
 *
 * <p>Thread-safe; the clock decides expiry.
 */
final class IdempotencyCache {
    /** DynamoDB's idempotency window: ten minutes after the first request completed. */
    static final Duration WINDOW = Duration.ofMinutes(10);

    private static final int SWEEP_BATCH = 100;

    private final Store store;
    private final InstantSource clock;

    IdempotencyCache(Store store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Whether {@code token} already completed a request with this fingerprint within the window
     * (the caller then replays without writing).
     *
     * @throws EddyException IdempotentParameterMismatchException when it completed one with other parameters
     */
    boolean completed(ReadView tx, String token, String fingerprint) {
        byte[] stored = tx.get(tokenKey(token));
        if (stored == null) {
            return false;
        }
        Tuple t = Tuple.unpack(stored);
        if (t.getLong(1) <= clock.millis()) {
            return false;
        }
        if (!t.getString(0).equals(fingerprint)) {
            throw new EddyException(
                    ErrorCode.IDEMPOTENT_PARAMETER_MISMATCH,
                    "The request uses the same client token as a previous, but non-identical request.");
        }
        return true;
    }

    /** Records {@code token} inside the transaction that carries out its request. */
    void record(Transaction tx, String token, String fingerprint) {
        long expires = clock.millis() + WINDOW.toMillis();
        byte[] old = tx.get(tokenKey(token));
        if (old != null) {
            tx.clear(expiryKey(Tuple.unpack(old).getLong(1), token));
        }
        tx.put(tokenKey(token), Tuple.of(fingerprint, expires).pack());
        tx.put(expiryKey(expires, token), new byte[0]);
    }

    /**
     * Forgets up to a batch of expired tokens, in its own transaction. Best effort: a sweep that
     * loses to concurrent sweeps gives up, and a later one removes what it left.
     */
    void sweep() {
        try {
            sweepOnce();
        } catch (ConflictException e) {
            // another request is sweeping the same tokens
        }
    }

    private void sweepOnce() {
        long now = clock.millis();
        KeyRange all = Keyspace.META.range(Tuple.of("txtoken-expiry"));
        KeyRange expired = new KeyRange(all.begin(), Keyspace.META.key(Tuple.of("txtoken-expiry", now + 1)));
        store.run(tx -> {
            List<KeyValue> page = tx.scan(expired, SWEEP_BATCH, false);
            for (KeyValue kv : page) {
                Tuple t = Tuple.unpack(Arrays.copyOfRange(kv.key(), 1, kv.key().length));
                String token = t.getString(2);
                byte[] stored = tx.get(tokenKey(token));
                if (stored != null && Tuple.unpack(stored).getLong(1) == t.getLong(1)) {
                    tx.clear(tokenKey(token));
                }
                tx.clear(kv.key());
            }
            return null;
        });
    }

    private static byte[] tokenKey(String token) {
        return Keyspace.META.key(Tuple.of("txtoken", token));
    }

    private static byte[] expiryKey(long expires, String token) {
        return Keyspace.META.key(Tuple.of("txtoken-expiry", expires, token));
    }
}
