package dev.eddy.store;

import static dev.eddy.store.StoreContractTest.b;
import static dev.eddy.store.StoreContractTest.keys;
import static dev.eddy.store.StoreContractTest.s;

import java.util.List;

/**
 * The store of the running contract test and the small reads and writes the contract's parts
 * share: string keys and values, each in a transaction or snapshot of its own.
 */
public interface StoreAccess {

    /** The store of the running test. */
    Store store();

    default void put(String k, String v) {
        store().run(tx -> {
            tx.put(b(k), b(v));
            return null;
        });
    }

    /** Puts each key with the value {@code "v-" + key}, in one transaction. */
    default void putAll(String... keys) {
        store().run(tx -> {
            for (String k : keys) {
                tx.put(b(k), b("v-" + k));
            }
            return null;
        });
    }

    default String get(String k) {
        try (ReadView view = store().snapshot()) {
            return s(view.get(b(k)));
        }
    }

    default List<String> scanKeys(KeyRange range, int limit, boolean reverse) {
        try (ReadView view = store().snapshot()) {
            return keys(view.scan(range, limit, reverse));
        }
    }
}
