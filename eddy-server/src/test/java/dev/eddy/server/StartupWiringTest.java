package dev.eddy.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.core.ConsoleAppender;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * What the start of {@code eddy serve} is made of: the logging configured in code
 * ({@link ConsoleLogging}) and the command line built for serve alone ({@link Main#commandLine}).
 */
class StartupWiringTest {

    @Test
    void loggingIsConfiguredInCodeWithTheLevelsAndLineFormatOfBefore() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("io.helidon").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.helidon.webserver").getEffectiveLevel())
                .isEqualTo(Level.WARN);
        // java.util.logging follows (Helidon logs through it)
        assertThat(context.getCopyOfListenerList()).anyMatch(l -> l instanceof LevelChangePropagator);
        assertThat(java.util.logging.Logger.getLogger("io.helidon").getLevel())
                .isEqualTo(java.util.logging.Level.WARNING);

        ConsoleAppender<?> stderr = (ConsoleAppender<?>) root.getAppender("STDERR");
        assertThat(stderr).isNotNull();
        assertThat(stderr.isStarted()).isTrue();
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        assertThat(((PatternLayoutEncoder) stderr.getEncoder()).getPattern())
                .isEqualTo("%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n");
    }

    @Test
    void serveIsBuiltWithoutTheOtherSubcommandsAndEverythingElseWithThem() {
        assertThat(Main.commandLine("serve", "--in-memory").getSubcommands()).containsOnlyKeys("serve");
        assertThat(Main.commandLine("logs", "f").getSubcommands())
                .containsKeys("serve", "logs", "mappings", "cluster", "demo", "help");
        assertThat(Main.commandLine().getSubcommands()).containsKeys("serve", "logs", "help");
    }

    @Test
    void serveHelpIsTheSameWithOrWithoutTheOtherSubcommands() {
        assertThat(help(Main.commandLine("serve", "--help"))).isEqualTo(help(new CommandLine(new Main())));
    }

    private static String help(CommandLine cli) {
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("serve", "--help")).isZero();
        return out.toString();
    }
}
