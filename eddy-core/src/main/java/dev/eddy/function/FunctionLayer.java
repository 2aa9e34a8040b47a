package dev.eddy.function;

/**
 * A layer version a function references: what its configuration shows ({@code Layers[].Arn},
 * {@code CodeSize}) and the digest of the zip, so that the function keeps running after the layer
 * version was deleted.
 */
public record FunctionLayer(String arn, long codeSize, String codeSha256) {}
