package dev.eddy.function;

import dev.eddy.arn.Account;
import dev.eddy.arn.Arn;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * Settings of the {@link FunctionService}.
 *
 * @param account the region (in ARNs and AWS_REGION) and the account id (in ARNs)
 * @param accountConcurrency the account-wide concurrent execution limit (Lambda's default: 1000)
 * @param minimumUnreserved what reservations must leave unreserved (Lambda: 100)
 * @param idleTimeout how long a warm environment may stay unused before it is closed
 * @param accessKeyId credentials handed to functions (AWS_ACCESS_KEY_ID ...)
 * @param maxLogEventsPerFunction how many log lines Eddy keeps per function
 * @param clock the time source for timestamps, idle expiry and invocation timeouts (the only clock a
 *     runtime measures an invocation's remaining time on)
 */
public record FunctionServiceConfig(
        Account account,
        int accountConcurrency,
        int minimumUnreserved,
        Duration idleTimeout,
        String accessKeyId,
        String secretAccessKey,
        String sessionToken,
        int maxLogEventsPerFunction,
        InstantSource clock) {

    public FunctionServiceConfig {
        Objects.requireNonNull(account);
        Objects.requireNonNull(clock);
        if (accountConcurrency < 1) {
            throw new IllegalArgumentException("accountConcurrency must be at least 1");
        }
        minimumUnreserved = Math.min(minimumUnreserved, accountConcurrency);
    }

    /** Lambda's defaults: us-east-1, account 000000000000, 1000 concurrent executions. */
    public static FunctionServiceConfig defaults() {
        return new FunctionServiceConfig(
                Account.DEFAULT,
                1000,
                100,
                Duration.ofMinutes(10),
                "eddy",
                "eddy",
                "eddy",
                10_000,
                InstantSource.system());
    }

    public FunctionServiceConfig withAccountConcurrency(int limit, int minUnreserved) {
        return new FunctionServiceConfig(
                account,
                limit,
                minUnreserved,
                idleTimeout,
                accessKeyId,
                secretAccessKey,
                sessionToken,
                maxLogEventsPerFunction,
                clock);
    }

    public FunctionServiceConfig withIdleTimeout(Duration d) {
        return new FunctionServiceConfig(
                account,
                accountConcurrency,
                minimumUnreserved,
                d,
                accessKeyId,
                secretAccessKey,
                sessionToken,
                maxLogEventsPerFunction,
                clock);
    }

    public FunctionServiceConfig withAccount(Account a) {
        return new FunctionServiceConfig(
                a,
                accountConcurrency,
                minimumUnreserved,
                idleTimeout,
                accessKeyId,
                secretAccessKey,
                sessionToken,
                maxLogEventsPerFunction,
                clock);
    }

    public FunctionServiceConfig withClock(InstantSource c) {
        return new FunctionServiceConfig(
                account,
                accountConcurrency,
                minimumUnreserved,
                idleTimeout,
                accessKeyId,
                secretAccessKey,
                sessionToken,
                maxLogEventsPerFunction,
                c);
    }

    /** The region functions run in (AWS_REGION) and ARNs name. */
    public String region() {
        return account.region();
    }

    /** The account id in ARNs. */
    public String accountId() {
        return account.id();
    }

    /** The unqualified ARN of function {@code name}: {@code arn:aws:lambda:<region>:<account>:function:<name>}. */
    public Arn.Function functionArn(String name) {
        return account.function(name);
    }
}
