package dev.eddy.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.arn.Account;
import dev.eddy.arn.Arn;
import dev.eddy.error.EddyException;
import dev.eddy.error.ErrorCode;
import dev.eddy.store.MemoryStore;
import dev.eddy.testkit.ManualClock;
import dev.eddy.work.BackgroundWork;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The 60-second rules, RedriveAllowPolicy, queue policies and the redrive policy's messages. */
class QueueRulesTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));
    private final MemoryStore store = new MemoryStore();
    private final BackgroundWork work = BackgroundWork.singleNode(clock);
    private final QueueEngine engine = new QueueEngine(store, clock, Account.DEFAULT, work, new LocalQueueSignal());

    @AfterEach
    void close() {
        engine.close();
        work.close();
        store.close();
    }

    @Test
    void aNameIsFreeAgainSixtySecondsAfterItsQueueWasDeleted() {
        Arn.Queue q = engine.createQueue("q", Map.of(), Map.of());
        engine.deleteQueue(q);
        clock.advance(Duration.ofSeconds(59));
        assertError(
                () -> engine.createQueue("q", Map.of(), Map.of()),
                ErrorCode.SQS_QUEUE_DELETED_RECENTLY,
                "You must wait 60 seconds after deleting a queue before you can create another with the same name.");
        engine.createQueue("other", Map.of(), Map.of());
        clock.advance(Duration.ofSeconds(1));
        assertThat(engine.createQueue("q", Map.of(), Map.of())).isEqualTo(q);
        // the mark is gone: deleting the new queue starts a new minute
        engine.deleteQueue(q);
        assertThatThrownBy(() -> engine.createQueue("q", Map.of(), Map.of())).isInstanceOf(EddyException.class);
    }

    @Test
    void aQueueIsPurgedOnceEverySixtySeconds() {
        Arn.Queue q = engine.createQueue("q", Map.of(), Map.of());
        Arn.Queue other = engine.createQueue("other", Map.of(), Map.of());
        engine.purge(q);
        engine.purge(other);
        clock.advance(Duration.ofSeconds(59));
        engine.send(q, OutgoingMessage.of("kept"));
        assertError(
                () -> engine.purge(q),
                ErrorCode.SQS_PURGE_QUEUE_IN_PROGRESS,
                "Only one PurgeQueue operation on q is allowed every 60 seconds.");
        assertThat(engine.receiveNow(q, ReceiveOptions.one())).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        engine.purge(q);
        assertThat(engine.receiveNow(q, new ReceiveOptions(1, 0, 0))).isEmpty();
    }

    @Test
    void theSweepDropsOnlyMarksWhoseMinuteIsOver() {
        Arn.Queue q = engine.createQueue("q", Map.of(), Map.of());
        engine.purge(q);
        engine.deleteQueue(engine.createQueue("gone", Map.of(), Map.of()));
        QueueCooldowns.sweep(store, clock.millis());
        assertThatThrownBy(() -> engine.purge(q)).isInstanceOf(EddyException.class);
        assertThatThrownBy(() -> engine.createQueue("gone", Map.of(), Map.of())).isInstanceOf(EddyException.class);
        clock.advance(Duration.ofSeconds(60));
        QueueCooldowns.sweep(store, clock.millis());
        try (var view = store.snapshot()) {
            assertThat(view.scan(dev.eddy.store.Keyspace.QUEUE_META.range(dev.eddy.store.Tuple.of("purged")), 0, false))
                    .isEmpty();
            assertThat(view.scan(
                            dev.eddy.store.Keyspace.QUEUE_META.range(dev.eddy.store.Tuple.of("deleted")), 0, false))
                    .isEmpty();
        }
    }

    @Test
    void aDeadLetterQueueChoosesWhichQueuesMayUseIt() {
        Arn.Queue denying = engine.createQueue(
                "denying", Map.of("RedriveAllowPolicy", "{\"redrivePermission\":\"denyAll\"}"), Map.of());
        Arn.Queue allowed = Account.DEFAULT.queue("allowed");
        Arn.Queue choosy = engine.createQueue(
                "choosy",
                Map.of(
                        "RedriveAllowPolicy",
                        "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[\"" + allowed + "\"]}"),
                Map.of());
        assertError(
                () -> engine.createQueue("src", Map.of("RedrivePolicy", redrive(denying)), Map.of()),
                ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                "Value " + redrive(denying) + " for parameter RedrivePolicy is invalid. Reason: The RedriveAllowPolicy"
                        + " of the dead-letter target does not allow this queue as its source.");
        Arn.Queue other = engine.createQueue("other", Map.of(), Map.of());
        assertThatThrownBy(() -> engine.setAttributes(other, Map.of("RedrivePolicy", redrive(choosy))))
                .hasMessageEndingWith("does not allow this queue as its source.");
        engine.createQueue("allowed", Map.of("RedrivePolicy", redrive(choosy)), Map.of());
        assertThat(engine.deadLetterSourceQueues(choosy)).containsExactly(allowed);
        // no policy: every queue may
        Arn.Queue open = engine.createQueue("open", Map.of(), Map.of());
        engine.setAttributes(other, Map.of("RedrivePolicy", redrive(open)));
    }

    @Test
    void redriveAllowPoliciesAreChecked() {
        String eleven = "["
                + String.join(",", java.util.Collections.nCopies(11, "\"" + Account.DEFAULT.queue("s") + "\"")) + "]";
        Map<String, String> reasons = Map.of(
                "{\"redrivePermission\":\"sometimes\"}",
                "Invalid value for redrivePermission.",
                "{\"redrivePermission\":\"byQueue\"}",
                "sourceQueueArns must be specified when redrivePermission is byQueue.",
                "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":" + eleven + "}",
                "Maximum number of source queue ARNs is 10.",
                "{\"redrivePermission\":\"allowAll\",\"sourceQueueArns\":[\"" + Account.DEFAULT.queue("s") + "\"]}",
                "sourceQueueArns can be specified only when redrivePermission is byQueue.",
                "{\"redrivePermission\":\"byQueue\",\"sourceQueueArns\":[\"nope\"]}",
                "Invalid value for sourceQueueArns: nope.",
                "[]",
                "Redrive allow policy is not a valid JSON map.");
        reasons.forEach((policy, reason) -> assertError(
                () -> engine.createQueue("q", Map.of("RedriveAllowPolicy", policy), Map.of()),
                ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                "Value " + policy + " for parameter RedriveAllowPolicy is invalid. Reason: " + reason));
    }

    @Test
    void aRedrivePolicyWithoutAMemberNamesIt() {
        Arn.Queue dlq = engine.createQueue("dlq", Map.of(), Map.of());
        assertThatThrownBy(() -> engine.createQueue("q", Map.of("RedrivePolicy", "{}"), Map.of()))
                .hasMessage("Value {} for parameter RedrivePolicy is invalid. Reason: Redrive policy does not contain"
                        + " mandatory attribute: maxReceiveCount.");
        String noTarget = "{\"maxReceiveCount\":3}";
        assertThatThrownBy(() -> engine.createQueue("q", Map.of("RedrivePolicy", noTarget), Map.of()))
                .hasMessageEndingWith(
                        "Reason: Redrive policy does not contain mandatory attribute: deadLetterTargetArn.");
        assertThat(engine.createQueue("q", Map.of("RedrivePolicy", redrive(dlq)), Map.of()))
                .isNotNull();
    }

    @Test
    void permissionsAreStatementsOfThePolicy() {
        Arn.Queue q = engine.createQueue("q", Map.of(), Map.of());
        QueuePermissions permissions = engine.permissions();
        permissions.add(q, "send", List.of("111122223333"), List.of("SendMessage"));
        permissions.add(q, "both", List.of("111122223333", "444455556666"), List.of("SQS:ReceiveMessage", "*"));
        assertThat(engine.attributes(q, List.of("Policy")).get("Policy"))
                .isEqualTo("{\"Version\":\"2012-10-17\",\"Id\":\"" + q + "/SQSDefaultPolicy\",\"Statement\":["
                        + "{\"Sid\":\"send\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
                        + "\"arn:aws:iam::111122223333:root\"},\"Action\":\"SQS:SendMessage\",\"Resource\":\"" + q
                        + "\"},{\"Sid\":\"both\",\"Effect\":\"Allow\",\"Principal\":{\"AWS\":["
                        + "\"arn:aws:iam::111122223333:root\",\"arn:aws:iam::444455556666:root\"]},"
                        + "\"Action\":[\"SQS:ReceiveMessage\",\"SQS:*\"],\"Resource\":\"" + q + "\"}]}");
        assertError(
                () -> permissions.add(q, "send", List.of("111122223333"), List.of("SendMessage")),
                ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                "Value send for parameter Label is invalid. Reason: Already exists.");
        assertError(
                () -> permissions.add(q, "x", List.of("12"), List.of("SendMessage")),
                ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                "Value [12] for parameter PrincipalId is invalid. Reason: Unable to verify.");
        assertError(
                () -> permissions.add(q, "x", List.of("111122223333"), List.of("DeleteQueue")),
                ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                "Value SQS:DeleteQueue for parameter ActionName is invalid. Reason: Only the queue owner is allowed"
                        + " to invoke this action.");
        assertError(
                () -> permissions.add(q, "x", List.of("111122223333"), java.util.Collections.nCopies(8, "SendMessage")),
                ErrorCode.SQS_OVER_LIMIT,
                "8 Actions were found, maximum allowed is 7.");
        permissions.remove(q, "send");
        assertThat(engine.attributes(q, List.of("Policy")).get("Policy"))
                .contains("\"Sid\":\"both\"")
                .doesNotContain("\"Sid\":\"send\"");
        assertError(
                () -> permissions.remove(q, "send"),
                ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                "Value send for parameter Label is invalid. Reason: can't find label on existing policy.");
        permissions.remove(q, "both");
        assertThat(engine.attributes(q, List.of("All"))).doesNotContainKey("Policy");
    }

    @Test
    void aPolicySetByHandKeepsItsMembersAndMustBeAJsonObject() {
        Arn.Queue q = engine.createQueue("q", Map.of(), Map.of());
        assertError(
                () -> engine.setAttributes(q, Map.of("Policy", "not json")),
                ErrorCode.SQS_INVALID_ATTRIBUTE_VALUE,
                "Invalid value for the parameter Policy.");
        engine.setAttributes(
                q,
                Map.of("Policy", "{\"Version\":\"2012-10-17\",\"Statement\":{\"Sid\":\"mine\",\"Effect\":\"Deny\"}}"));
        engine.permissions().add(q, "more", List.of("111122223333"), List.of("GetQueueUrl"));
        assertThat(engine.attributes(q, List.of("Policy")).get("Policy"))
                .startsWith("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"mine\",\"Effect\":\"Deny\"},"
                        + "{\"Sid\":\"more\"");
    }

    @Test
    void numberAttributesStayWithinAwsMagnitudes() {
        Arn.Queue q = engine.createQueue("q", Map.of(), Map.of());
        for (String ok :
                List.of("1E126", "-9.9E126", "1E-128", "0", "0E-500", "12345678901234567890123456789012345678")) {
            engine.send(q, new OutgoingMessage("b", Map.of("n", new MessageAttribute("Number", ok, null)), null, null));
        }
        for (String bad : List.of("1E127", "1E-129", "123456789012345678901234567890123456789")) {
            assertError(
                    () -> engine.send(
                            q,
                            new OutgoingMessage(
                                    "b", Map.of("n", new MessageAttribute("Number", bad, null)), null, null)),
                    ErrorCode.SQS_INVALID_PARAMETER_VALUE,
                    "Could not cast message attribute 'n' value to number.");
        }
    }

    private static String redrive(Arn.Queue dlq) {
        return "{\"deadLetterTargetArn\":\"" + dlq + "\",\"maxReceiveCount\":1}";
    }

    private static void assertError(Runnable call, ErrorCode code, String message) {
        assertThatThrownBy(call::run)
                .isInstanceOf(EddyException.class)
                .hasMessage(message)
                .extracting(e -> ((EddyException) e).code())
                .isEqualTo(code);
    }
}
