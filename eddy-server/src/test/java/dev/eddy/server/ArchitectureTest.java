package dev.eddy.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rules of the design ("Rooms and doors"): dependencies point one way, from the wire
 * adapters through the front door to the engines, and each engine only to the rooms below it.
 * Rules about packages that do not exist yet (mapping, queue, the PostgreSQL store) hold vacuously
 * until they do, so they guard the code from its first line.
 */
@AnalyzeClasses(
        packages = "dev.eddy",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.NoTestJars.class})
class ArchitectureTest {

    private static final String[] ENGINES = {
        "dev.eddy.error..",
        "dev.eddy.item..",
        "dev.eddy.expr..",
        "dev.eddy.store..",
        "dev.eddy.json..",
        "dev.eddy.work..",
        "dev.eddy.table..",
        "dev.eddy.partiql..",
        "dev.eddy.stream..",
        "dev.eddy.function..",
        "dev.eddy.mapping..",
        "dev.eddy.queue..",
        "dev.eddy.runtime.."
    };

    private static final String[] ADAPTERS = {
        "dev.eddy.server.dynamodb..",
        "dev.eddy.server.streams..",
        "dev.eddy.server.lambda..",
        "dev.eddy.server.sqs..",
        "dev.eddy.server.runtimeapi.."
    };

    @ArchTest
    static final ArchRule enginesKnowNothingOfTheServerOrHttp = noClasses()
            .that()
            .resideInAnyPackage(ENGINES)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.eddy.server..", "io.helidon..")
            .because("engines take and return domain types; only eddy-server sees HTTP");

    @ArchTest
    static final ArchRule onlyTheRocksDbModuleImportsRocksDb = noClasses()
            .that()
            .resideOutsideOfPackage("dev.eddy.store.rocksdb..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.rocksdb..")
            .because("storage speaks its own language: no RocksDB type crosses the Store SPI");

    @ArchTest
    static final ArchRule onlyThePostgresModuleImportsJdbc = noClasses()
            .that()
            .resideOutsideOfPackage("dev.eddy.store.postgres..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "javax.sql..", "org.postgresql..", "com.zaxxer.hikari..")
            .allowEmptyShould(true)
            .because("storage speaks its own language: no JDBC type crosses the Store SPI");

    @ArchTest
    static final ArchRule adaptersNeverTouchTheStore = noClasses()
            .that()
            .resideInAnyPackage(ADAPTERS)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.eddy.store..")
            .because("wire adapters parse, call an engine and render; engines own the Store");

    @ArchTest
    static final ArchRule frontDoorKnowsNoAdapter = noClasses()
            .that()
            .resideInAPackage("dev.eddy.server.http..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(ADAPTERS)
            .allowEmptyShould(true)
            .because("services register with the front door, not the other way round");

    @ArchTest
    static final ArchRule tablesKnowNoStreamMappingOrQueue = noClasses()
            .that()
            .resideInAPackage("dev.eddy.table..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.eddy.stream..", "dev.eddy.mapping..", "dev.eddy.queue..", "dev.eddy.function..")
            .because("streams are maintainers of a table write; the table engine does not know them");

    @ArchTest
    static final ArchRule streamsKnowNoFunctionMappingOrQueue = noClasses()
            .that()
            .resideInAPackage("dev.eddy.stream..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.eddy.function..", "dev.eddy.mapping..", "dev.eddy.queue..")
            .because("stream -> table -> expr, item, store");

    @ArchTest
    static final ArchRule functionsKnowNoTableStreamOrMapping = noClasses()
            .that()
            .resideInAPackage("dev.eddy.function..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.eddy.table..", "dev.eddy.stream..", "dev.eddy.mapping..")
            .because("function -> queue (asynchronous destinations) only");

    @ArchTest
    static final ArchRule queuesStandOnTheStoreAlone = noClasses()
            .that()
            .resideInAPackage("dev.eddy.queue..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.eddy.table..", "dev.eddy.stream..", "dev.eddy.function..", "dev.eddy.mapping..")
            .allowEmptyShould(true)
            .because("queue -> store");

    @ArchTest
    static final ArchRule mappingsReadStreamsNotTables = noClasses()
            .that()
            .resideInAPackage("dev.eddy.mapping..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.eddy.table..", "dev.eddy.partiql..")
            .allowEmptyShould(true)
            .because("mapping -> stream (StreamReader), function (invoke), queue, json, store");

    @ArchTest
    static final ArchRule shardProcessorIsPure = noClasses()
            .that()
            .resideInAPackage("dev.eddy.mapping.shard..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.eddy.mapping",
                    "dev.eddy.mapping.checkpoint..",
                    "dev.eddy.mapping.source..",
                    "dev.eddy.mapping.target..",
                    "dev.eddy.store..",
                    "dev.eddy.json..",
                    "com.fasterxml..")
            .orShould()
            .dependOnClassesThat()
            .belongToAnyOf(
                    Thread.class,
                    java.util.concurrent.ExecutorService.class,
                    java.util.concurrent.CompletableFuture.class)
            .allowEmptyShould(true)
            .because("the shard processor is a state machine: no threads, no Store, no JSON");

    @ArchTest
    static final ArchRule clusterStandsOnTheStoreAlone = noClasses()
            .that()
            .resideInAPackage("dev.eddy.cluster..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.eddy.table..",
                    "dev.eddy.stream..",
                    "dev.eddy.function..",
                    "dev.eddy.mapping..",
                    "dev.eddy.queue..",
                    "dev.eddy.partiql..")
            .because("cluster -> store, work: leases and the node registry know no engine; engines use them");

    /** Leaves out the test JARs other modules publish for eddy-server's tests. */
    static final class NoTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar") && !location.contains("/test-classes/");
        }
    }
}
