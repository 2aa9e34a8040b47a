package dev.eddy.store;

/** One entry of a range scan. The arrays belong to the caller. */
public record KeyValue(byte[] key, byte[] value) {}
