package dev.eddy.server;

import dev.eddy.store.ReadMode;
import dev.eddy.store.ReadView;
import dev.eddy.store.RetryPolicy;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;

/** A store another owner opened and closes ({@link StoreSpec.Shared}): closing it here does nothing. */
final class BorrowedStore implements Store {
    private final Store store;

    BorrowedStore(Store store) {
        this.store = store;
    }

    @Override
    public Transaction begin() {
        return store.begin();
    }

    @Override
    public Transaction begin(ReadMode mode) {
        return store.begin(mode);
    }

    @Override
    public ReadView snapshot() {
        return store.snapshot();
    }

    @Override
    public byte[] get(byte[] key) {
        return store.get(key);
    }

    @Override
    public RetryPolicy retryPolicy() {
        return store.retryPolicy();
    }

    @Override
    public void close() {
        // the owner closes the store once every node sharing it is closed
    }
}
