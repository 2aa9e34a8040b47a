package dev.eddy.function;

import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Aliases of functions: CreateAlias, GetAlias, UpdateAlias, DeleteAlias, ListAliases, with
 * Lambda's validation and messages. An alias points at {@code $LATEST} or a published version and
 * may send a weighted share of invocations to one other published version. Kept in the {@link
 * Store} ({@link VersionRecords}).
 *
 * <p>Thread-safe: each change is one store transaction that reads what it checks.
 */
public final class FunctionAliases {
    private static final String NAME_PATTERN = "(?!^[0-9]+$)([a-zA-Z0-9-_]+)";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Pattern VERSION = Pattern.compile("(\\$LATEST|[0-9]+)");
    private static final int MAX_PAGE = 50;

    private final Store store;
    private final FunctionNames names;

    FunctionAliases(Store store, FunctionNames names) {
        this.store = store;
        this.names = names;
    }

    /** The alias's ARN: the function's ARN qualified by the alias name. */
    public Arn.Function arn(FunctionAlias a) {
        return names.arn(a.functionName()).withQualifier(a.name());
    }

    /** CreateAlias; 409 when the name is taken, 404 when the function or a version is missing. */
    public FunctionAlias create(
            String functionName, String alias, String version, String description, Map<String, Double> weights) {
        String name = names.unqualified(functionName);
        checkName(alias);
        checkVersion(version);
        Map<String, Double> w = weights == null ? Map.of() : weights;
        checkWeights(version, w);
        FunctionAlias a = new FunctionAlias(
                name, alias, version, description, UUID.randomUUID().toString(), w);
        return store.run(tx -> {
            checkTargets(tx, name, version, w);
            if (VersionRecords.readAlias(tx, name, alias) != null) {
                throw new EddyException(ErrorCode.LAMBDA_RESOURCE_CONFLICT, "Alias already exists: " + arn(a));
            }
            VersionRecords.writeAlias(tx, a);
            return a;
        });
    }

    /** GetAlias; 404 "Cannot find alias arn" when missing. */
    public FunctionAlias get(String functionName, String alias) {
        String name = names.unqualified(functionName);
        try (ReadView view = store.snapshot()) {
            if (FunctionRecords.readConfig(view, name) == null) {
                throw names.notFound(name, null);
            }
            FunctionAlias a = VersionRecords.readAlias(view, name, alias);
            if (a == null) {
                throw new EddyException(
                        ErrorCode.LAMBDA_RESOURCE_NOT_FOUND,
                        "Cannot find alias arn: " + names.arn(name).withQualifier(alias));
            }
            return a;
        }
    }

    /**
     * UpdateAlias: null members keep their value; empty {@code weights} clear the routing
     * configuration. 412 when {@code revisionId} is given and differs.
     */
    public FunctionAlias update(
            String functionName,
            String alias,
            String version,
            String description,
            Map<String, Double> weights,
            String revisionId) {
        String name = names.unqualified(functionName);
        if (version != null) {
            checkVersion(version);
        }
        return store.run(tx -> {
            if (FunctionRecords.readConfig(tx, name) == null) {
                throw names.notFound(name, null);
            }
            FunctionAlias old = VersionRecords.readAlias(tx, name, alias);
            if (old == null) {
                throw new EddyException(
                        ErrorCode.LAMBDA_RESOURCE_NOT_FOUND,
                        "Alias not found: " + names.arn(name).withQualifier(alias));
            }
            if (revisionId != null && !revisionId.equals(old.revisionId())) {
                throw new EddyException(
                        ErrorCode.LAMBDA_PRECONDITION_FAILED,
                        "The Revision Id provided does not match the latest Revision Id. "
                                + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id");
            }
            String v = version == null ? old.functionVersion() : version;
            Map<String, Double> w = weights == null ? old.additionalVersionWeights() : weights;
            checkWeights(v, w);
            checkTargets(tx, name, v, w);
            FunctionAlias a = new FunctionAlias(
                    name,
                    alias,
                    v,
                    description == null ? old.description() : description,
                    UUID.randomUUID().toString(),
                    w);
            VersionRecords.writeAlias(tx, a);
            return a;
        });
    }

    /** DeleteAlias; deleting an alias that does not exist succeeds (idempotent). */
    public void delete(String functionName, String alias) {
        String name = names.unqualified(functionName);
        store.run(tx -> {
            if (FunctionRecords.readConfig(tx, name) == null) {
                throw names.notFound(name, null);
            }
            VersionRecords.deleteAlias(tx, name, alias);
            tx.clear(AsyncRecords.configKey(name, alias));
            return null;
        });
    }

    /** One page of ListAliases; {@code nextMarker} is null on the last page. */
    public record AliasPage(List<FunctionAlias> aliases, String nextMarker) {}

    /**
     * ListAliases in name order, at most 50 per page; with {@code functionVersion} only the aliases
     * pointing at that version.
     */
    public AliasPage list(String functionName, String functionVersion, String marker, Integer maxItems) {
        String name = names.unqualified(functionName);
        int max = maxItems == null ? MAX_PAGE : Math.min(maxItems, MAX_PAGE);
        try (ReadView view = store.snapshot()) {
            if (FunctionRecords.readConfig(view, name) == null) {
                throw names.notFound(name, null);
            }
            List<FunctionAlias> all = VersionRecords.scanAliases(
                            view, name, marker == null || marker.isEmpty() ? null : marker, Integer.MAX_VALUE)
                    .stream()
                    .filter(a -> functionVersion == null || a.functionVersion().equals(functionVersion))
                    .toList();
            if (all.size() <= max) {
                return new AliasPage(all, null);
            }
            List<FunctionAlias> page = all.subList(0, max);
            return new AliasPage(List.copyOf(page), page.get(max - 1).name());
        }
    }

    /** The alias {@code alias} of function {@code name}, or null; for invocations. */
    FunctionAlias find(String name, String alias) {
        try (ReadView view = store.snapshot()) {
            return VersionRecords.readAlias(view, name, alias);
        }
    }

    private static void checkName(String alias) {
        if (alias == null
                || alias.isEmpty()
                || alias.length() > 128
                || !NAME.matcher(alias).matches()) {
            throw new EddyException(
                    ErrorCode.LAMBDA_VALIDATION,
                    "1 validation error detected: Value '" + alias
                            + "' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                            + NAME_PATTERN);
        }
    }

    private static void checkVersion(String version) {
        if (version == null
                || version.length() > 1024
                || !VERSION.matcher(version).matches()) {
            throw new EddyException(
                    ErrorCode.LAMBDA_VALIDATION,
                    "1 validation error detected: Value '" + version
                            + "' at 'functionVersion' failed to satisfy constraint: Member must satisfy regular "
                            + "expression pattern: (\\$LATEST|[0-9]+)");
        }
    }

    private static void checkWeights(String version, Map<String, Double> weights) {
        for (Map.Entry<String, Double> e : weights.entrySet()) {
            if (!FunctionVersions.isNumber(e.getKey())) {
                throw new EddyException(
                        ErrorCode.LAMBDA_VALIDATION,
                        "1 validation error detected: Value '" + weights
                                + "' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: "
                                + "Map keys must satisfy constraint: [Member must satisfy regular expression pattern: "
                                + "[0-9]+]");
            }
            Double w = e.getValue();
            if (w == null || w < 0.0 || w > 1.0) {
                throw new EddyException(
                        ErrorCode.LAMBDA_VALIDATION,
                        "1 validation error detected: Value '" + weights
                                + "' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: "
                                + "Map value must satisfy constraint: [Member must have value less than or equal to "
                                + "1.0, Member must have value greater than or equal to 0.0, Member must not be null]");
            }
        }
        if (weights.size() > 1) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                    "Number of items in AdditionalVersionWeights cannot be greater than 1");
        }
        if (!weights.isEmpty() && FunctionConfig.LATEST.equals(version)) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                    "$LATEST is not supported for an alias pointing to more than 1 version");
        }
        if (weights.containsKey(version)) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                    "Invalid function version " + version + ". Function version " + version
                            + " is already included in routing configuration.");
        }
    }

    /** The function and every version the alias names must exist. */
    private void checkTargets(Transaction tx, String name, String version, Map<String, Double> weights) {
        if (FunctionRecords.readConfig(tx, name) == null) {
            throw names.notFound(name, null);
        }
        for (String v : concat(version, weights)) {
            if (!v.equals(FunctionConfig.LATEST)
                    && (!FunctionVersions.isNumber(v)
                            || VersionRecords.readVersion(tx, name, Integer.parseInt(v)) == null)) {
                throw names.notFound(name, v);
            }
        }
    }

    private static List<String> concat(String version, Map<String, Double> weights) {
        java.util.ArrayList<String> all = new java.util.ArrayList<>();
        all.add(version);
        all.addAll(weights.keySet());
        return all;
    }
}
