package dev.eddy.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.server.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code eddy demo} runs the seed scenario and shows each invocation with its batch. */
class DemoCommandTest {

    @Test
    void showsEveryChangeReachingTheFunction() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err))
                .execute("demo", "--handler-jar", System.getProperty("eddy.example.handlers"), "--port", "0", "--exit");

        assertThat(code).as(err.toString()).isZero();
        String text = out.toString();
        assertThat(text)
                .contains("   | INSERT {id=1}  old -  new {amount=20, id=1, status=new}  seq ")
                .contains("   | INSERT {id=2}  old -  new {amount=35, id=2, status=new}  seq ")
                .contains(
                        "   | MODIFY {id=1}  old {amount=20, id=1, status=new}  new {amount=20, id=1, status=paid}  seq ")
                .contains("   | REMOVE {id=2}  old {amount=35, id=2, status=new}  new -  seq ")
                .contains("aws lambda create-event-source-mapping --endpoint-url http://127.0.0.1:");
        assertThat(text.indexOf("7. delete order 2")).isLessThan(text.indexOf("REMOVE {id=2}"));
    }

    @Test
    void aMissingHandlerJarIsAClearError() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new Main())
                .setErr(new PrintWriter(err))
                .execute("demo", "--handler-jar", "no/such.jar", "--port", "0", "--exit");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("eddy demo: no handler JAR at no/such.jar (build with: ./eddy build)\n");
    }
}
