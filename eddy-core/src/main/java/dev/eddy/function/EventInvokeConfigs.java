package dev.eddy.function;

import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.ReadView;
import dev.eddy.store.Store;
import dev.eddy.store.Transaction;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The event invoke configurations of functions (Put/Get/Update/Delete/ListFunctionEventInvokeConfigs),
 * stored in the {@link Store} beside the function ({@link AsyncRecords}) and removed with it. Put
 * replaces a configuration, Update merges into the existing one. Each change checks in its
 * transaction that the function exists, so a configuration never outlives its function.
 *
 * <p>Only {@code $LATEST} exists in Eddy: another qualifier is a function that is not found.
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

    /** PutFunctionEventInvokeConfig: replaces the function's configuration with {@code r}. */
    public EventInvokeConfig put(String functionName, String qualifier, EventInvokeConfigRequest r) {
        String name = names.latest(functionName, qualifier);
        checkRequest(name, r);
        EventInvokeConfig c = new EventInvokeConfig(
                name,
                FunctionConfig.LATEST,
                r.maximumRetryAttempts(),
                r.maximumEventAgeInSeconds(),
                blankToNull(r.onSuccess()),
                blankToNull(r.onFailure()),
                clock.millis());
        return store.run(tx -> {
            requireFunction(tx, name);
            AsyncRecords.writeConfig(tx, c);
            return c;
        });
    }

    /**
     * UpdateFunctionEventInvokeConfig: the members {@code r} gives replace the stored ones, the
     * others stay; ResourceNotFoundException when the function has no configuration yet.
     */
    public EventInvokeConfig update(String functionName, String qualifier, EventInvokeConfigRequest r) {
        String name = names.latest(functionName, qualifier);
        checkRequest(name, r);
        long now = clock.millis();
        return store.run(tx -> {
            requireFunction(tx, name);
            EventInvokeConfig old = AsyncRecords.readConfig(tx, name, FunctionConfig.LATEST);
            if (old == null) {
                throw notConfigured(name);
            }
            EventInvokeConfig merged = new EventInvokeConfig(
                    name,
                    FunctionConfig.LATEST,
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
        String name = names.latest(functionName, qualifier);
        try (ReadView view = store.snapshot()) {
            if (FunctionRecords.readConfig(view, name) == null) {
                throw names.latestNotFound(name);
            }
            EventInvokeConfig c = AsyncRecords.readConfig(view, name, FunctionConfig.LATEST);
            if (c == null) {
                throw notConfigured(name);
            }
            return c;
        }
    }

    /** DeleteFunctionEventInvokeConfig; ResourceNotFoundException when there is none. */
    public void delete(String functionName, String qualifier) {
        String name = names.latest(functionName, qualifier);
        store.run(tx -> {
            requireFunction(tx, name);
            if (AsyncRecords.readConfig(tx, name, FunctionConfig.LATEST) == null) {
                throw notConfigured(name);
            }
            tx.clear(AsyncRecords.configKey(name, FunctionConfig.LATEST));
            return null;
        });
    }

    /** ListFunctionEventInvokeConfigs: the configurations of every version of the function (at most one). */
    public List<EventInvokeConfig> list(String functionName) {
        String name = names.latest(functionName, null);
        try (ReadView view = store.snapshot()) {
            if (FunctionRecords.readConfig(view, name) == null) {
                throw names.latestNotFound(name);
            }
            List<EventInvokeConfig> out = new ArrayList<>();
            EventInvokeConfig c = AsyncRecords.readConfig(view, name, FunctionConfig.LATEST);
            if (c != null) {
                out.add(c);
            }
            return out;
        }
    }

    /** The qualified ARN a configuration's {@code FunctionArn} shows ({@code ...:$LATEST}). */
    public Arn.Function functionArn(EventInvokeConfig c) {
        return names.arn(c.functionName()).withQualifier(c.qualifier());
    }

    /** What applies to the events of function {@code name} now: its configuration or Lambda's defaults. */
    EventInvokeConfig effective(String name) {
        try (ReadView view = store.snapshot()) {
            EventInvokeConfig c = AsyncRecords.readConfig(view, name, FunctionConfig.LATEST);
            return c == null ? EventInvokeConfig.defaults(name) : c;
        }
    }

    private void checkRequest(String name, EventInvokeConfigRequest r) {
        if (r.empty()) {
            throw new EddyException(
                    ErrorCode.LAMBDA_INVALID_PARAMETER_VALUE,
                    "You must specify at least one of error handling or destination setting.");
        }
        rules.checkEventInvokeDestinations(name, r.onSuccess(), r.onFailure());
    }

    private void requireFunction(Transaction tx, String name) {
        // read in the transaction: a concurrent DeleteFunction conflicts with this change
        if (FunctionRecords.readConfig(tx, name) == null) {
            throw names.latestNotFound(name);
        }
    }

    private EddyException notConfigured(String name) {
        Arn.Function arn = names.arn(name).withQualifier(FunctionConfig.LATEST);
        return new EddyException(
                        ErrorCode.LAMBDA_RESOURCE_NOT_FOUND,
                        "The function " + arn + " doesn't have an EventInvokeConfig")
                .withFunction(arn);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
