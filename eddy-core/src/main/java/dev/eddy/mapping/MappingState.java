package dev.eddy.mapping;

/**
 * The State of an event source mapping, as Lambda shows it ({@link #wire()}). {@link #CREATING},
 * {@link #ENABLING}, {@link #DISABLING}, {@link #UPDATING} and {@link #DELETING} are transitional:
 * the engine settles them in the background, as Lambda does after answering 202.
 */
public enum MappingState {
    CREATING("Creating"),
    ENABLING("Enabling"),
    ENABLED("Enabled"),
    DISABLING("Disabling"),
    DISABLED("Disabled"),
    UPDATING("Updating"),
    DELETING("Deleting");

    private final String wire;

    MappingState(String wire) {
        this.wire = wire;
    }

    /** The name Lambda writes in the State member. */
    public String wire() {
        return wire;
    }

    /** Whether the engine still has to move the mapping on (or remove it, for {@link #DELETING}). */
    public boolean transitional() {
        return this != ENABLED && this != DISABLED;
    }

    /** The stable state a transitional state leads to for a mapping that is (or is not) enabled. */
    MappingState settled(boolean enabled) {
        return enabled ? ENABLED : DISABLED;
    }
}
