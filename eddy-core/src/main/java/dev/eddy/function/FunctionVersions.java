package dev.eddy.function;

import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Published versions of functions: PublishVersion, ListVersionsByFunction, reading and deleting
 * one version. A version is an immutable copy of {@code $LATEST}'s code and configuration, kept in
 * the {@link Store} ({@link VersionRecords}); numbers count up from 1 per function and are never
 * reused, even after a version was deleted.
 *
 * <p>Thread-safe: each change is one store transaction that reads what it checks.
 */
public final class FunctionVersions {
    private static final int MAX_PAGE = 50;

    private final Store store;
    private final FunctionNames names;

    FunctionVersions(Store store, FunctionNames names) {
        this.store = store;
        this.names = names;
    }

    /** Whether {@code qualifier} names a published version (digits only). */
    static boolean isNumber(String qualifier) {
        return qualifier != null
                && !qualifier.isEmpty()
                && qualifier.length() <= 9
                && qualifier.chars().allMatch(Character::isDigit);
    }

    /**
     * PublishVersion: stores {@code $LATEST}'s code and configuration as the next version. When
     * nothing changed since the newest version, that version is answered again and nothing is
     * stored (the description is then ignored, as on AWS).
     *
     * @param codeSha256 null, or the CodeSha256 {@code $LATEST} must have
     * @param revisionId null, or the RevisionId {@code $LATEST} must have
     * @param description null keeps {@code $LATEST}'s description
     */
    public QualifiedFunction publish(String functionName, String codeSha256, String revisionId, String description) {
        return publish(functionName, codeSha256, revisionId, description, true);
    }

    /**
     * {@code Publish: true} of CreateFunction and UpdateFunctionCode: publishes {@code $LATEST} as
     * the call just stored it, while its code is still being prepared (which PublishVersion
     * refuses); the version prepares its own code when it is first invoked. Like PublishVersion, it
     * answers the newest version again when nothing changed since.
     */
    public QualifiedFunction publishStored(String functionName) {
        return publish(functionName, null, null, null, false);
    }

    private QualifiedFunction publish(
            String functionName, String codeSha256, String revisionId, String description, boolean checkState) {
        String name = names.unqualified(functionName);
        VersionRecords.Published p = store.run(tx -> {
            FunctionConfig latest = FunctionRecords.readConfig(tx, name);
            if (latest == null) {
                throw names.notFound(name, null);
            }
            if (checkState) {
                checkPublishable(latest, codeSha256, revisionId);
            }
            List<VersionRecords.Published> newest = VersionRecords.scanVersions(tx, name, 0, 1, true);
            if (!newest.isEmpty() && newest.get(0).config().sameDeployment(latest)) {
                return newest.get(0);
            }
            int n = VersionRecords.readLast(tx, name) + 1;
            FunctionConfig frozen = latest.asPublished(
                    description == null ? latest.description() : description,
                    UUID.randomUUID().toString());
            VersionRecords.writeVersion(tx, name, n, frozen, FunctionRecords.readCode(tx, name));
            VersionRecords.writeLast(tx, name, n);
            return new VersionRecords.Published(n, frozen);
        });
        return qualified(name, p);
    }

    private void checkPublishable(FunctionConfig latest, String codeSha256, String revisionId) {
        Arn.Function arn = names.arn(latest.name());
        if (latest.state() == FunctionConfig.State.Pending
                || latest.lastUpdateStatus() == FunctionConfig.LastUpdateStatus.InProgress) {
            throw new EddyException(
                            ErrorCode.LAMBDA_RESOURCE_CONFLICT,
                            "The operation cannot be performed at this time. An update is in progress for resource: "
                                    + arn)
                    .withFunction(arn);
        }
        if (codeSha256 != null && !codeSha256.equals(latest.codeSha256())) {
            throw new EddyException(
                            ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                            "CodeSHA256 (" + codeSha256 + ") is different from current CodeSHA256 in $LATEST ("
                                    + latest.codeSha256() + "). Please try again with the CodeSHA256 in $LATEST.")
                    .withFunction(arn);
        }
        if (revisionId != null && !revisionId.equals(latest.revisionId())) {
            throw new EddyException(
                            ErrorCode.LAMBDA_PRECONDITION_FAILED,
                            "The Revision Id provided does not match the latest Revision Id. "
                                    + "Call the GetFunction/GetAlias API to retrieve the latest Revision Id")
                    .withFunction(arn);
        }
    }

    /** One page of ListVersionsByFunction; {@code nextMarker} is null on the last page. */
    public record VersionPage(List<QualifiedFunction> versions, String nextMarker) {}

    /**
     * ListVersionsByFunction: {@code $LATEST} first, then the published versions in ascending
     * order, at most 50 per page.
     *
     * @param marker what the previous page returned, or null for the first page
     */
    public VersionPage list(String functionName, String marker, Integer maxItems) {
        String name = names.unqualified(functionName);
        int max = maxItems == null ? MAX_PAGE : Math.min(maxItems, MAX_PAGE);
        int after = 0;
        if (marker != null && !marker.isEmpty()) {
            if (!isNumber(marker)) {
                throw new EddyException(ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE, "Invalid marker: " + marker);
            }
            after = Integer.parseInt(marker);
        }
        List<QualifiedFunction> out = new ArrayList<>();
        boolean more;
        try (ReadView view = store.snapshot()) {
            FunctionConfig latest = FunctionRecords.readConfig(view, name);
            if (latest == null) {
                throw names.notFound(name, null);
            }
            if (marker == null || marker.isEmpty()) {
                out.add(new QualifiedFunction(
                        latest, FunctionConfig.LATEST, names.arn(name).withQualifier(FunctionConfig.LATEST)));
            }
            List<VersionRecords.Published> page =
                    VersionRecords.scanVersions(view, name, after, max - out.size() + 1, false);
            more = page.size() > max - out.size();
            for (VersionRecords.Published p : page.subList(0, Math.min(page.size(), max - out.size()))) {
                out.add(qualified(name, p));
            }
        }
        String next = null;
        if (more) {
            QualifiedFunction last = out.get(out.size() - 1);
            next = last.version().equals(FunctionConfig.LATEST) ? "0" : last.version();
        }
        return new VersionPage(List.copyOf(out), next);
    }

    /** The configuration of version {@code n} of function {@code name}, if it exists. */
    Optional<FunctionConfig> find(String name, int n) {
        try (ReadView view = store.snapshot()) {
            return Optional.ofNullable(VersionRecords.readVersion(view, name, n));
        }
    }

    /** The package of version {@code n}, or null. */
    byte[] code(String name, int n) {
        try (ReadView view = store.snapshot()) {
            return VersionRecords.readCode(view, name, n);
        }
    }

    /**
     * Deletes version {@code n}; 404 when it does not exist, 409 while an alias points at it (as its
     * version or in its routing configuration).
     */
    void delete(String name, int n) {
        store.run(tx -> {
            if (FunctionRecords.readConfig(tx, name) == null || VersionRecords.readVersion(tx, name, n) == null) {
                throw names.notFound(name, Integer.toString(n));
            }
            List<String> users = new ArrayList<>();
            for (FunctionAlias a : VersionRecords.scanAliases(tx, name, null, Integer.MAX_VALUE)) {
                String v = Integer.toString(n);
                if (a.functionVersion().equals(v)
                        || a.additionalVersionWeights().containsKey(v)) {
                    users.add(a.name());
                }
            }
            if (!users.isEmpty()) {
                throw new EddyException(
                        ErrorCode.LAMBDA_RESOURCE_CONFLICT,
                        "Unable to delete version because the following aliases reference it: " + users);
            }
            VersionRecords.deleteVersion(tx, name, n);
            tx.clear(AsyncRecords.configKey(name, Integer.toString(n)));
            return null;
        });
    }

    private QualifiedFunction qualified(String name, VersionRecords.Published p) {
        String v = Integer.toString(p.number());
        return new QualifiedFunction(p.config(), v, names.arn(name).withQualifier(v));
    }
}
