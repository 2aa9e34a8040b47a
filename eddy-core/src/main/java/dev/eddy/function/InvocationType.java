package dev.eddy.function;

/** The X-Amz-Invocation-Type values. */
public enum InvocationType {
    RequestResponse,
    Event,
    DryRun
}
