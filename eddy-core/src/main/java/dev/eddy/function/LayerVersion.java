package dev.eddy.function;

import java.util.List;

/**
 * One published version of a layer: its metadata; the zip itself is kept beside it in the store.
 *
 * @param version 1, 2, ... per layer, never reused
 * @param createdDate ISO-8601 as Lambda writes it, e.g. {@code 2018-11-14T23:03:52.894+0000}
 */
public record LayerVersion(
        String layerName,
        long version,
        String description,
        List<String> compatibleRuntimes,
        List<String> compatibleArchitectures,
        String licenseInfo,
        String codeSha256,
        long codeSize,
        String createdDate) {

    public LayerVersion {
        description = description == null ? "" : description;
        compatibleRuntimes = List.copyOf(compatibleRuntimes);
        compatibleArchitectures = List.copyOf(compatibleArchitectures);
    }
}
