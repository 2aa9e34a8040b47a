package dev.eddy.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the stored forms of versions, aliases ({@link VersionRecords}) and layers ({@link
 * LayerRecords}), version 1. Data
 * directories depend on these bytes; a change must add a version, not alter these.
 */
class StoredVersionFormatTest {
    /** The counter of the highest version number ever published: 3. */
    static final String GOLDEN_COUNTER = "0100000003";

    /** Alias "live" of "orders" at version 3, 25 % routed to version 2. */
    static final String GOLDEN_ALIAS = "01" + "00066f7264657273" + "00046c697665" + "000133" + "000164"
            + "00057265762d31" + "00000001" + "000132" + "3fd0000000000000";

    private static FunctionAlias alias() {
        return new FunctionAlias("orders", "live", "3", "d", "rev-1", Map.of("2", 0.25));
    }

    @Test
    void theCounterIsWrittenAndReadInVersionOne() {
        assertThat(HexFormat.of().formatHex(VersionRecords.encodeCounter(3))).isEqualTo(GOLDEN_COUNTER);
        assertThat(VersionRecords.decodeCounter(HexFormat.of().parseHex(GOLDEN_COUNTER)))
                .isEqualTo(3);
    }

    @Test
    void anAliasIsWrittenAndReadInVersionOne() {
        assertThat(HexFormat.of().formatHex(VersionRecords.encodeAlias(alias())))
                .isEqualTo(GOLDEN_ALIAS);
        assertThat(VersionRecords.decodeAlias(HexFormat.of().parseHex(GOLDEN_ALIAS)))
                .isEqualTo(alias());
    }

    @Test
    void anAliasWithoutRoutingRoundTrips() {
        FunctionAlias a = new FunctionAlias("orders", "prod", "$LATEST", "", "rev-2", Map.of());
        assertThat(VersionRecords.decodeAlias(VersionRecords.encodeAlias(a))).isEqualTo(a);
    }

    @Test
    void aPublishedVersionIsStoredInTheFunctionFormat() {
        FunctionConfig frozen = StoredFunctionFormatTest.sample().asPublished("v1", "rev-9");
        assertThat(frozen.reservedConcurrency()).isNull();
        assertThat(frozen.description()).isEqualTo("v1");
        assertThat(FunctionRecords.decode(FunctionRecords.encode(frozen))).isEqualTo(frozen);
        assertThat(frozen.sameDeployment(StoredFunctionFormatTest.sample())).isTrue();
    }

    @Test
    void anAliasPicksItsAdditionalVersionBelowTheWeight() {
        FunctionAlias a = alias();
        assertThat(a.pick(0.0)).isEqualTo("2");
        assertThat(a.pick(0.2499)).isEqualTo("2");
        assertThat(a.pick(0.25)).isEqualTo("3");
        assertThat(a.pick(0.99)).isEqualTo("3");
        assertThat(new FunctionAlias("orders", "x", "3", null, "r", Map.of()).pick(0.0))
                .isEqualTo("3");
    }

    /** Version 2 of layer "util", for java21 on x86_64, MIT licensed. */
    static final String GOLDEN_LAYER =
            "0100047574696c00000000000000020001640000000100066a61766132310000000100067838365f3634"
                    + "0100034d4954000463326868000000000000000a001c323032362d31322d30325432313a30303a30302e3030302b30303030";

    @Test
    void aLayerVersionIsWrittenAndReadInVersionOne() {
        LayerVersion l = new LayerVersion(
                "util",
                2,
                "d",
                List.of("java21"),
                List.of("x86_64"),
                "MIT",
                "c2hh",
                10,
                "2026-12-02T21:00:00.000+0000");
        assertThat(HexFormat.of().formatHex(LayerRecords.encode(l))).isEqualTo(GOLDEN_LAYER);
        assertThat(LayerRecords.decode(HexFormat.of().parseHex(GOLDEN_LAYER))).isEqualTo(l);
        LayerVersion unlicensed = new LayerVersion("util", 3, null, List.of(), List.of(), null, "x", 1, "t");
        assertThat(LayerRecords.decode(LayerRecords.encode(unlicensed))).isEqualTo(unlicensed);
    }
}
