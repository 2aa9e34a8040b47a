package dev.eddy.function;

import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import java.time.InstantSource;
import java.util.List;

/**
 * The event invoke configurations of functions (Put/Get/Update/Delete/ListFunctionEventInvokeConfigs),
 * stored in the {@link Store} beside the function ({@link AsyncRecords}) and removed with it. Put
 * replaces a configuration, Update merges into the existing one. Each change checks in its
 * transaction that the function exists, so a configuration never outlives its function.
 *
 * <p>Each qualifier has its own configuration: {@code $LATEST} (also for an unqualified name), a
 * published version or an alias; an event invoked through a qualifier follows that qualifier's
 * configuration, and publishing a version copies none. Deleting a version or alias deletes its
 * configuration.
 * Thread-safe; every call is one store transaction or snapshot.
 */
public final class EventInvokeConfigs {
    private final Store store;
    private final FunctionNames names;
    private final DestinationRules rules;
    private final InstantSource clock;

    EventInvokeConfigs(Store store, FunctionNames names, DestinationRules rules, InstantSource clock) {
        this.store = store;
        this.names = names;
        this.rules = rules;
        this.clock = clock;
    }

    /** PutFunctionEventInvokeConfig: replaces the configuration of the qualifier with {@code r}. */
    public EventInvokeConfig put(String functionName, String qualifier, EventInvokeConfigRequest r) {
        FunctionRef ref = names.parse(functionName, qualifier);
        String name = ref.name();
        String q = qualifier(ref);
        checkRequest(name, r);
        EventInvokeConfig c = new EventInvokeConfig(
                name,
                q,
                r.maximumRetryAttempts(),
                r.maximumEventAgeInSeconds(),
                blankToNull(r.onSuccess()),
                blankToNull(r.onFailure()),
                clock.millis());
        return store.run(tx -> {
            requireTarget(tx, name, q);
            AsyncRecords.writeConfig(tx, c);
            return c;
        });
    }

    /**
     * UpdateFunctionEventInvokeConfig: the members {@code r} gives replace the stored ones, the
     * others stay; ResourceNotFoundException when the function has no configuration yet.
     */
    public EventInvokeConfig update(String functionName, String qualifier, EventInvokeConfigRequest r) {
        FunctionRef ref = names.parse(functionName, qualifier);
        String name = ref.name();
        String q = qualifier(ref);
        checkRequest(name, r);
        long now = clock.millis();
        return store.run(tx -> {
            requireTarget(tx, name, q);
            EventInvokeConfig old = AsyncRecords.readConfig(tx, name, q);
            if (old == null) {
                throw notConfigured(name, q);
            }
            EventInvokeConfig merged = new EventInvokeConfig(
                    name,
                    q,
                    r.maximumRetryAttempts() != null ? r.maximumRetryAttempts() : old.maximumRetryAttempts(),
                    r.maximumEventAgeInSeconds() != null
                            ? r.maximumEventAgeInSeconds()
                            : old.maximumEventAgeInSeconds(),
                    r.onSuccess() != null ? blankToNull(r.onSuccess()) : old.onSuccess(),
                    r.onFailure() != null ? blankToNull(r.onFailure()) : old.onFailure(),
                    now);
            AsyncRecords.writeConfig(tx, merged);
            return merged;
        });
    }

    /** GetFunctionEventInvokeConfig; ResourceNotFoundException when there is none. */
    public EventInvokeConfig get(String functionName, String qualifier) {
        FunctionRef ref = names.parse(functionName, qualifier);
        String name = ref.name();
        String q = qualifier(ref);
        try (ReadView view = store.snapshot()) {
            requireTarget(view, name, q);
            EventInvokeConfig c = AsyncRecords.readConfig(view, name, q);
            if (c == null) {
                throw notConfigured(name, q);
            }
            return c;
        }
    }

    /** DeleteFunctionEventInvokeConfig; ResourceNotFoundException when there is none. */
    public void delete(String functionName, String qualifier) {
        FunctionRef ref = names.parse(functionName, qualifier);
        String name = ref.name();
        String q = qualifier(ref);
        store.run(tx -> {
            requireTarget(tx, name, q);
            if (AsyncRecords.readConfig(tx, name, q) == null) {
                throw notConfigured(name, q);
            }
            tx.clear(AsyncRecords.configKey(name, q));
            return null;
        });
    }

    /** ListFunctionEventInvokeConfigs: the configurations of every version and alias of the function. */
    public List<EventInvokeConfig> list(String functionName) {
        String name = names.latest(functionName, null);
        try (ReadView view = store.snapshot()) {
            if (FunctionRecords.readConfig(view, name) == null) {
                throw names.latestNotFound(name);
            }
            return AsyncRecords.scanConfigs(view, name);
        }
    }

    /** The qualified ARN a configuration's {@code FunctionArn} shows ({@code ...:$LATEST}). */
    public Arn.Function functionArn(EventInvokeConfig c) {
        return names.arn(c.functionName()).withQualifier(c.qualifier());
    }

    private static String qualifier(FunctionRef ref) {
        return ref.isLatest() ? FunctionConfig.LATEST : ref.qualifier();
    }

    private void checkRequest(String name, EventInvokeConfigRequest r) {
        if (r.empty()) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                    "You must specify at least one of error handling or destination setting.");
        }
        rules.checkEventInvokeDestinations(name, r.onSuccess(), r.onFailure());
    }

    /**
     * Checks that the function and its version or alias {@code qualifier} exist; read in the
     * transaction, so a concurrent DeleteFunction, version or alias deletion conflicts with the change.
     */
    private void requireTarget(ReadView view, String name, String qualifier) {
        if (FunctionRecords.readConfig(view, name) == null) {
            throw FunctionConfig.LATEST.equals(qualifier)
                    ? names.latestNotFound(name)
                    : names.notFound(name, qualifier);
        }
        boolean exists = FunctionConfig.LATEST.equals(qualifier)
                || (FunctionVersions.isNumber(qualifier)
                        ? VersionRecords.readVersion(view, name, Integer.parseInt(qualifier)) != null
                        : VersionRecords.readAlias(view, name, qualifier) != null);
        if (!exists) {
            throw names.notFound(name, qualifier);
        }
    }

    private EddyException notConfigured(String name, String qualifier) {
        Arn.Function arn = names.arn(name).withQualifier(qualifier);
        return new EddyException(
                        ErrorCode.LAMBDA_RESOURCE_NOT_FOUND,
                        "The function " + arn + " doesn't have an EventInvokeConfig")
                .withFunction(arn);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
