/**
 * Test helpers shared by every Eddy module's tests: a {@link dev.eddy.testkit.ManualClock} to
 * inject where code takes an {@link java.time.InstantSource}, seeded property tests ({@link
 * dev.eddy.testkit.Seeded} over {@link dev.eddy.testkit.Gen}), and for black-box tests a server per
 * test class ({@link dev.eddy.testkit.ServerPerClass}), SDK clients pointed at it ({@link
 * dev.eddy.testkit.EddyClients}), table requests ({@link dev.eddy.testkit.TestTables}) and unique
 * resource names ({@link dev.eddy.testkit.TestNames}).
 *
 * <h2>Why this module depends on no Eddy module</h2>
 *
 * <p>eddy-core's own tests need the clock and the generators, and eddy-server's own tests need the
 * server per class. Maven refuses a dependency cycle whatever the scope, so a testkit that
 * depended on eddy-core could not serve eddy-core's tests, and one that depended on eddy-server
 * could not serve eddy-server's. The testkit therefore depends only on JUnit's API and the AWS SDK
 * clients, and eddy-core and eddy-server depend on it in test scope.
 *
 * <p>That leaves the question of how {@link dev.eddy.testkit.ServerPerClass} starts a server it
 * cannot name. It asks the one {@link dev.eddy.testkit.EmbeddedEddyFactory} that {@link
 * java.util.ServiceLoader} finds on the test class path; eddy-server's test sources provide it (and
 * register it in {@code META-INF/services}), since only they can build a server. The factory hands
 * back an {@link dev.eddy.testkit.EmbeddedEddy}: the endpoint the clients need, and {@link
 * dev.eddy.testkit.EmbeddedEddy#unwrap} for tests that reach into the concrete server.
 *
 * <p>Helpers that need Eddy's own types stay beside them: the scriptable fake of the {@code
 * FunctionRuntime} SPI lives in eddy-core's test sources and its test JAR.
 */
package dev.eddy.testkit;
