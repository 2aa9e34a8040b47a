package dev.eddy.table;

/** Who caused a write: a client, or the service itself (TTL expiry). */
public enum WriteOrigin {
    CLIENT,
    TTL
}
