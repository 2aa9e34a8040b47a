package dev.eddy.store;

/** The store contract on the in-memory backend (not durable: the reopen test is skipped). */
class MemoryStoreTest extends StoreContractTest {

    @Override
    protected Store newStore() {
        return new MemoryStore();
    }
}
