package dev.eddy.function;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a function's code runnable: checks an uploaded package, finds the {@link FunctionRuntime}
 * for the function's {@code Runtime} and lets it prepare the stored package (unpack, build a class
 * path), off the request path. The result moves the function to {@code Active} or {@code Failed} in
 * the {@link FunctionRegistry} and hands the prepared code to the function's {@link FunctionSlot}.
 *
 * <p>Thread-safe; each preparation runs on its own virtual thread.
 */
final class CodePreparation {
    private static final Logger LOG = LoggerFactory.getLogger(CodePreparation.class);

    private final FunctionRegistry registry;
    private final FunctionLayers layers;
    private final List<FunctionRuntime> runtimes;
    private final Consumer<String> stored;

    /** @param stored told the function's name after a preparation's result was stored (committed) */
    CodePreparation(
            FunctionRegistry registry, FunctionLayers layers, List<FunctionRuntime> runtimes, Consumer<String> stored) {
        this.registry = registry;
        this.layers = layers;
        this.runtimes = List.copyOf(runtimes);
        this.stored = stored;
    }

    /** Checks an uploaded package with Lambda's rules ({@link ZipPackages}); returns its CodeSha256. */
    static String check(byte[] zip) {
        ZipPackages.check(zip);
        return sha256(zip);
    }

    /**
     * Prepares the code of {@code c} in the background; {@code done} completes when that finished,
     * either way. Invocations wait for {@code done} (the slot's {@code ready}).
     *
     * @param zip the package when the caller has it at hand, else null (read from the registry)
     */
    void prepareAsync(FunctionSlot slot, FunctionConfig c, byte[] zip, CompletableFuture<Void> done) {
        slot.ready = done;
        slot.revision = c.revisionId();
        Thread.ofVirtual().name("eddy-prepare-" + slot.name).start(() -> {
            try {
                prepare(slot, c, zip);
            } catch (RuntimeException e) {
                LOG.warn("preparing function {} failed", slot.name, e);
            } finally {
                done.complete(null);
            }
        });
    }

    /**
     * Prepares the stored package of {@code c} for this node's slot only, in the background, when
     * another node changed the function: the state stays what that node stores. A result for a
     * revision the slot no longer follows is dropped. {@code done} completes either way.
     */
    void prepareLocal(FunctionSlot slot, FunctionConfig c, CompletableFuture<Void> done) {
        slot.ready = done;
        slot.revision = c.revisionId();
        Thread.ofVirtual().name("eddy-prepare-" + slot.name).start(() -> {
            try {
                byte[] bytes = registry.code(c.name());
                Prepared result = bytes == null ? new Failed("deleted", "Deleted") : prepare(c, bytes);
                synchronized (slot) {
                    if (c.revisionId().equals(slot.revision)) {
                        install(slot, result);
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("preparing function {} failed", slot.name, e);
            } finally {
                done.complete(null);
            }
        });
    }

    /**
     * Hands a result to the slot. The generation moves on, so that an environment started with the
     * code before it is closed instead of reused.
     */
    private static void install(FunctionSlot slot, Prepared result) {
        if (result instanceof Ready r) {
            slot.runtime = r.runtime();
            slot.code = r.code();
        } else {
            slot.runtime = null;
            slot.code = null;
        }
        slot.newGeneration();
    }

    /**
     * Prepares the code of a published version for its own slot, in the background; the stored
     * version is immutable, so the result only goes to the slot. {@code done} completes either way.
     */
    void prepareVersion(FunctionSlot slot, Supplier<byte[]> zip, CompletableFuture<Void> done) {
        slot.ready = done;
        Thread.ofVirtual()
                .name("eddy-prepare-" + slot.name + "-" + slot.version)
                .start(() -> {
                    try {
                        byte[] bytes = zip.get();
                        if (bytes != null && prepare(slot.published, bytes) instanceof Ready r) {
                            slot.runtime = r.runtime();
                            slot.code = r.code();
                        }
                    } catch (RuntimeException e) {
                        LOG.warn("preparing version {} of function {} failed", slot.version, slot.name, e);
                    } finally {
                        done.complete(null);
                    }
                });
    }

    /** How a preparation ended. */
    private sealed interface Prepared {}

    private record Ready(FunctionRuntime runtime, FunctionRuntime.PreparedCode code) implements Prepared {}

    private record Failed(String reason, String reasonCode) implements Prepared {}

    private void prepare(FunctionSlot slot, FunctionConfig c, byte[] zip) {
        byte[] bytes = zip != null ? zip : registry.code(c.name());
        if (bytes == null) {
            return; // deleted meanwhile
        }
        Prepared result = prepare(c, bytes);
        boolean written;
        synchronized (slot) {
            // a later update prepares again, and a deleted function needs nothing: drop this result then
            written = registry.updateRevision(c.name(), c.revisionId(), current -> switch (result) {
                case Ready r ->
                    current.withState(FunctionConfig.State.Active, null, null)
                            .withUpdateStatus(FunctionConfig.LastUpdateStatus.Successful, null, null);
                case Failed f ->
                    current.withState(FunctionConfig.State.Failed, f.reason(), f.reasonCode())
                            .withUpdateStatus(FunctionConfig.LastUpdateStatus.Failed, f.reason(), f.reasonCode());
            });
            if (written) {
                install(slot, result);
            }
        }
        if (written) {
            stored.accept(c.name());
        }
    }

    private Prepared prepare(FunctionConfig c, byte[] zip) {
        FunctionRuntime runtime = runtimes.stream()
                .filter(r -> r.supports(c.runtime()))
                .findFirst()
                .orElse(null);
        if (runtime == null) {
            return new Failed(
                    "Eddy has no runtime for " + c.runtime() + " (see docs/lambda.md for the supported runtimes).",
                    "InvalidRuntime");
        }
        List<FunctionRuntime.Layer> zips = new ArrayList<>();
        for (FunctionLayer l : c.layers()) {
            byte[] bytes = layers.zip(l);
            if (bytes == null) {
                return new Failed("Layer version " + l.arn() + " does not exist.", "InvalidLayer");
            }
            zips.add(new FunctionRuntime.Layer(l.arn(), l.codeSha256(), bytes));
        }
        try {
            return new Ready(runtime, runtime.prepare(c.codeSha256(), zip, zips));
        } catch (FunctionRuntime.CodeLoadException e) {
            return new Failed(e.getMessage(), e.reasonCode());
        }
    }

    static String sha256(byte[] data) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
