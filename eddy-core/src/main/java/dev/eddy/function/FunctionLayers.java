package dev.eddy.function;

import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lambda layers: PublishLayerVersion (zip content), GetLayerVersion, GetLayerVersionByArn,
 * ListLayers, ListLayerVersions, DeleteLayerVersion, with Lambda's validation and messages. Layer
 * versions and their zips are kept in the {@link Store} ({@link LayerRecords}); numbers count up
 * from 1 per layer and are never reused.
 *
 * <p>Thread-safe: each change is one store transaction that reads what it checks.
 */
public final class FunctionLayers {
    private static final String NOT_FOUND = "The resource you requested does not exist.";
    private static final String NAME_PATTERN =
            "(arn:(aws[a-zA-Z-]*)?:lambda:(eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:layer:"
                    + "[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Pattern VERSION_ARN =
            Pattern.compile("arn:(aws[a-zA-Z-]*)?:lambda:([a-z0-9-]+):(\\d{12}):layer:([a-zA-Z0-9-_]+):([0-9]+)");
    private static final int MAX_PAGE = 50;

    private final Store store;
    private final FunctionServiceConfig config;
    private final InstantSource clock;

    FunctionLayers(Store store, FunctionServiceConfig config) {
        this.store = store;
        this.config = config;
        this.clock = config.clock();
    }

    /** The ARN of layer {@code name} (without version). */
    public String layerArn(String name) {
        return "arn:aws:lambda:" + config.region() + ":" + config.accountId() + ":layer:" + name;
    }

    /** The ARN of one layer version. */
    public String versionArn(LayerVersion l) {
        return layerArn(l.layerName()) + ":" + l.version();
    }

    /** A request of PublishLayerVersion, the zip already decoded. */
    public record Publish(
            String description,
            byte[] zipFile,
            List<String> compatibleRuntimes,
            List<String> compatibleArchitectures,
            String licenseInfo) {}

    /** PublishLayerVersion: stores the zip as the layer's next version. Not idempotent. */
    public LayerVersion publish(String layerName, Publish p) {
        String name = name(layerName);
        if (p.zipFile() == null) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                    "Eddy accepts layer content only as ZipFile (S3 locations are not supported).");
        }
        List<String> runtimes = p.compatibleRuntimes() == null ? List.of() : p.compatibleRuntimes();
        List<String> archs = p.compatibleArchitectures() == null ? List.of() : p.compatibleArchitectures();
        checkSize(runtimes, 15, "compatibleRuntimes");
        checkSize(archs, 2, "compatibleArchitectures");
        if (p.licenseInfo() != null && p.licenseInfo().length() > 512) {
            throw validation(
                    "'" + p.licenseInfo() + "' at 'licenseInfo'", "Member must have length less than or equal to 512");
        }
        String sha = CodePreparation.check(p.zipFile());
        String created = FunctionService.LAST_MODIFIED.format(clock.instant());
        return store.run(tx -> {
            long n = LayerRecords.readLast(tx, name) + 1;
            LayerVersion l = new LayerVersion(
                    name, n, p.description(), runtimes, archs, p.licenseInfo(), sha, p.zipFile().length, created);
            LayerRecords.write(tx, l, p.zipFile());
            LayerRecords.writeLast(tx, name, n);
            return l;
        });
    }

    /** GetLayerVersion; 404 when missing. */
    public LayerVersion get(String layerName, long version) {
        String name = name(layerName);
        checkVersion(version);
        try (ReadView view = store.snapshot()) {
            LayerVersion l = LayerRecords.read(view, name, version);
            if (l == null) {
                throw new EddyException(ErrorCode.LAMBDA_RESOURCE_NOT_FOUND, NOT_FOUND);
            }
            return l;
        }
    }

    /** GetLayerVersionByArn; 404 when missing or of another region or account. */
    public LayerVersion getByArn(String arn) {
        Matcher m = arn == null ? null : VERSION_ARN.matcher(arn);
        if (m == null || !m.matches()) {
            throw validation(
                    "'" + arn + "' at 'arn'",
                    "Member must satisfy regular expression pattern: " + VERSION_ARN.pattern());
        }
        if (!m.group(2).equals(config.region()) || !m.group(3).equals(config.accountId())) {
            throw new EddyException(ErrorCode.LAMBDA_RESOURCE_NOT_FOUND, NOT_FOUND);
        }
        return get(m.group(4), Long.parseLong(m.group(5)));
    }

    /**
     * Resolves a function's {@code Layers} (version ARNs, applied in this order) with Lambda's
     * rules: at most 5, each an existing version of this region and account, one version per layer.
     */
    List<FunctionLayer> resolve(List<String> arns) {
        if (arns.size() > 5) {
            throw new EddyException(ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE, "Cannot reference more than 5 layers.");
        }
        Map<String, String> byLayer = new LinkedHashMap<>();
        List<FunctionLayer> out = new ArrayList<>();
        try (ReadView view = store.snapshot()) {
            for (String arn : arns) {
                Matcher m = arn == null ? null : VERSION_ARN.matcher(arn);
                if (m == null || !m.matches()) {
                    throw validation(
                            "'[" + String.join(", ", arns) + "]' at 'layers'",
                            "Member must satisfy constraint: [Member must satisfy regular expression pattern: "
                                    + VERSION_ARN.pattern() + "]");
                }
                if (!m.group(2).equals(config.region())) {
                    throw new EddyException(
                            ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                            "Layers are not in the same region as the function. Layers are expected to be in region "
                                    + config.region() + ".");
                }
                String other = byLayer.put(m.group(4), arn);
                if (other != null) {
                    throw new EddyException(
                            ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                            "Two different versions of the same layer are not allowed to be referenced in the same "
                                    + "function. " + other + " and " + arn + " are versions of the same layer.");
                }
                LayerVersion l = m.group(3).equals(config.accountId())
                        ? LayerRecords.read(view, m.group(4), Long.parseLong(m.group(5)))
                        : null;
                if (l == null) {
                    throw new EddyException(
                            ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE, "Layer version " + arn + " does not exist.");
                }
                out.add(new FunctionLayer(arn, l.codeSize(), l.codeSha256()));
            }
        }
        return out;
    }

    /** The zip a function's layer references (kept after the version was deleted), or null. */
    byte[] zip(FunctionLayer layer) {
        Matcher m = VERSION_ARN.matcher(layer.arn());
        if (!m.matches()) {
            return null;
        }
        return content(m.group(4), Long.parseLong(m.group(5)));
    }

    /** The zip of one layer version, or null. */
    public byte[] content(String layerName, long version) {
        try (ReadView view = store.snapshot()) {
            return LayerRecords.readZip(view, name(layerName), version);
        }
    }

    /** DeleteLayerVersion; succeeds when the version does not exist. */
    public void delete(String layerName, long version) {
        String name = name(layerName);
        checkVersion(version);
        store.run(tx -> {
            LayerRecords.delete(tx, name, version);
            return null;
        });
    }

    /** A page of versions (or of the latest matching version per layer); marker null on the last page. */
    public record Page(List<LayerVersion> versions, String nextMarker) {}

    /** ListLayerVersions: newest first, filtered by runtime and architecture when given. */
    public Page listVersions(String layerName, String runtime, String architecture, String marker, Integer maxItems) {
        String name = name(layerName);
        List<LayerVersion> matching;
        try (ReadView view = store.snapshot()) {
            matching = LayerRecords.versions(view, name).stream()
                    .filter(l -> matches(l, runtime, architecture))
                    .toList();
        }
        return page(matching, marker, maxItems, l -> Long.toString(l.version()));
    }

    /** ListLayers: per layer, its newest version matching the filters; layers in name order. */
    public Page listLayers(String runtime, String architecture, String marker, Integer maxItems) {
        Map<String, LayerVersion> latest = new LinkedHashMap<>();
        try (ReadView view = store.snapshot()) {
            for (LayerVersion l : LayerRecords.all(view)) {
                if (matches(l, runtime, architecture)) {
                    latest.put(l.layerName(), l); // ascending: the last one seen is the newest
                }
            }
        }
        return page(new ArrayList<>(latest.values()), marker, maxItems, LayerVersion::layerName);
    }

    private static Page page(
            List<LayerVersion> all,
            String marker,
            Integer maxItems,
            java.util.function.Function<LayerVersion, String> key) {
        int max = maxItems == null ? MAX_PAGE : Math.min(maxItems, MAX_PAGE);
        int from = 0;
        if (marker != null && !marker.isEmpty()) {
            while (from < all.size() && !key.apply(all.get(from)).equals(marker)) {
                from++;
            }
            from++; // the marker names the last entry of the previous page
        }
        List<LayerVersion> page = all.subList(Math.min(from, all.size()), Math.min(from + max, all.size()));
        String next = from + max < all.size() ? key.apply(page.get(page.size() - 1)) : null;
        return new Page(List.copyOf(page), next);
    }

    private static boolean matches(LayerVersion l, String runtime, String architecture) {
        return (runtime == null || l.compatibleRuntimes().contains(runtime))
                && (architecture == null || l.compatibleArchitectures().contains(architecture));
    }

    /** The layer's name, from a name or a layer ARN of this region and account. */
    private String name(String layerName) {
        if (layerName == null
                || layerName.isEmpty()
                || layerName.length() > 140
                || !NAME.matcher(layerName).matches()) {
            throw validation(
                    "'" + layerName + "' at 'layerName'",
                    "Member must satisfy regular expression pattern: " + NAME_PATTERN);
        }
        if (!layerName.startsWith("arn:")) {
            return layerName;
        }
        if (!layerName.startsWith(layerArn(""))) {
            throw new EddyException(ErrorCode.LAMBDA_RESOURCE_NOT_FOUND, NOT_FOUND);
        }
        return layerName.substring(layerArn("").length());
    }

    private static void checkVersion(long version) {
        if (version < 1) {
            throw new EddyException(ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE, "Layer Version Cannot be less than 1");
        }
    }

    private static void checkSize(List<String> list, int max, String member) {
        if (list.size() > max) {
            throw validation(
                    "'" + list + "' at '" + member + "'", "Member must have length less than or equal to " + max);
        }
    }

    private static EddyException validation(String valueAt, String constraint) {
        return new EddyException(
                ErrorCode.LAMBDA_VALIDATION,
                "1 validation error detected: Value " + valueAt + " failed to satisfy constraint: " + constraint);
    }
}
