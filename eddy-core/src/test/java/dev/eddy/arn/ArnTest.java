package dev.eddy.arn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArnTest {
    private final Account account = new Account("eu-west-1", "111122223333");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "arn:aws:dynamodb:eu-west-1:111122223333:table/Music",
                "arn:aws:dynamodb:eu-west-1:111122223333:table/My.Table_1-x/stream/2015-05-11T21:21:33.291",
                "arn:aws:lambda:eu-west-1:111122223333:function:echo",
                "arn:aws:lambda:eu-west-1:111122223333:function:echo:$LATEST",
                "arn:aws:lambda:eu-west-1:111122223333:function:echo:PROD",
                "arn:aws:lambda:eu-west-1:111122223333:function:echo:7",
                "arn:aws:sqs:eu-west-1:111122223333:failures",
                "arn:aws:sqs:eu-west-1:111122223333:orders.fifo",
                "arn:aws:lambda:eu-west-1:111122223333:event-source-mapping:a1b2c3d4-5678-90ab-cdef-111111111111"
            })
    void parsesAndRendersTheSameText(String text) {
        Optional<Arn> arn = Arn.parse(text);
        assertThat(arn).isPresent();
        assertThat(arn.get()).hasToString(text);
        assertThat(arn.get().region()).isEqualTo("eu-west-1");
        assertThat(arn.get().account()).isEqualTo("111122223333");
    }

    @Test
    void typesEachKind() {
        assertThat(Arn.parse("arn:aws:dynamodb:eu-west-1:111122223333:table/Music/stream/2015-05-11T21:21:33.291"))
                .contains(new Arn.Stream("eu-west-1", "111122223333", "Music", "2015-05-11T21:21:33.291"));
        assertThat(Arn.parse("arn:aws:lambda:eu-west-1:111122223333:function:f:PROD"))
                .contains(new Arn.Function("eu-west-1", "111122223333", "f", "PROD"));
        assertThat(Arn.parse("arn:aws:lambda:eu-west-1:111122223333:function:f"))
                .contains(new Arn.Function("eu-west-1", "111122223333", "f", null));
        assertThat(Arn.parse("arn:aws:sqs:eu-west-1:111122223333:q", Arn.Queue.class))
                .contains(account.queue("q"));
        assertThat(Arn.parse("arn:aws:sqs:eu-west-1:111122223333:q", Arn.Table.class))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "arn",
                "Music",
                "arn:aws:dynamodb:eu-west-1:1111:table/Music",
                "arn:aws:dynamodb:eu-west-1:111122223333:table/ab",
                "arn:aws:dynamodb:eu-west-1:111122223333:table/a b c",
                "arn:aws:dynamodb:eu-west-1:111122223333:table/Music/stream/yesterday",
                "arn:aws:dynamodb:eu-west-1:111122223333:table/Music/index/byYear",
                "arn:aws:lambda:eu-west-1:111122223333:function:",
                "arn:aws:lambda:eu-west-1:111122223333:function:a:b:c",
                "arn:aws:sqs:eu-west-1:111122223333:bad/name",
                "arn:aws:s3:::bucket",
                "arn:aws:lambda:eu-west-1:111122223333:event-source-mapping:not-a-uuid"
            })
    void refusesWhatNamesNoKnownResource(String text) {
        assertThat(Arn.parse(text)).isEmpty();
    }

    @Test
    void nullIsNoArn() {
        assertThat(Arn.parse(null)).isEmpty();
    }

    @Test
    void otherPartitionsAreRecognised() {
        assertThat(Arn.parse("arn:aws-cn:dynamodb:cn-north-1:111122223333:table/Music"))
                .contains(new Arn.Table("cn-north-1", "111122223333", "Music"));
    }

    @Test
    void theAccountMintsAndOwnsItsArns() {
        Arn.Stream s = account.stream("Music", "2015-05-11T21:21:33.291");
        assertThat(s.tableArn()).isEqualTo(account.table("Music"));
        assertThat(account.owns(s)).isTrue();
        assertThat(new Account("us-east-1", "111122223333").owns(s)).isFalse();
        Arn.Function f = account.function("f");
        assertThat(f.withQualifier("PROD").unqualified()).isEqualTo(f);
        assertThat(account.eventSourceMapping("a1b2c3d4-5678-90ab-cdef-111111111111"))
                .hasToString(
                        "arn:aws:lambda:eu-west-1:111122223333:event-source-mapping:a1b2c3d4-5678-90ab-cdef-111111111111");
        assertThat(Account.DEFAULT.table("t")).hasToString("arn:aws:dynamodb:us-east-1:000000000000:table/t");
    }

    @Test
    void anAccountNeedsARegionAndTwelveDigits() {
        assertThatThrownBy(() -> new Account("", "111122223333")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Account("us-east-1", "123")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAccountReadsOnlyItsOwnArnsAsEddyWritesThem() {
        String table = "arn:aws:dynamodb:eu-west-1:111122223333:table/Music";
        assertThat(account.parseOwn(table, Arn.Table.class)).contains(account.table("Music"));
        assertThat(account.parseOwn(table, Arn.Stream.class)).isEmpty();
        assertThat(account.parseOwn("arn:aws:dynamodb:eu-west-1:999922223333:table/Music", Arn.Table.class))
                .isEmpty();
        assertThat(account.parseOwn("arn:aws:dynamodb:us-east-1:111122223333:table/Music", Arn.Table.class))
                .isEmpty();
        assertThat(account.parseOwn("arn:aws-cn:dynamodb:eu-west-1:111122223333:table/Music", Arn.Table.class))
                .isEmpty();
        assertThat(account.parseOwn(
                        "arn:aws:dynamodb:eu-west-1:111122223333:table/Music/index/byYear", Arn.Table.class))
                .isEmpty();
        assertThat(account.parseOwn(null, Arn.Table.class)).isEmpty();
        assertThat(account.table("Music").stream("2015-05-11T21:21:33.291"))
                .isEqualTo(account.stream("Music", "2015-05-11T21:21:33.291"));
    }
}
