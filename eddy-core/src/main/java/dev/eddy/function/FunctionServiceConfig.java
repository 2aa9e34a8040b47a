package dev.eddy.function;

import dev.eddy.arn.Account;
import dev.eddy.arn.Arn;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
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
 * @param async how asynchronous invocations are retried
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
        InstantSource clock,
        AsyncPolicy async) {

    public FunctionServiceConfig {
        Objects.requireNonNull(account);
        Objects.requireNonNull(clock);
        Objects.requireNonNull(async);
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
                InstantSource.system(),
                AsyncPolicy.DEFAULTS);
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
                clock,
                async);
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
                clock,
                async);
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
                clock,
                async);
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
                c,
                async);
    }

    /** The same settings with asynchronous invocations retried as {@code policy} says. */
    public FunctionServiceConfig withAsync(AsyncPolicy policy) {
        return new FunctionServiceConfig(
                account,
                accountConcurrency,
                minimumUnreserved,
                idleTimeout,
                accessKeyId,
                secretAccessKey,
                sessionToken,
                maxLogEventsPerFunction,
                clock,
                policy);
    }

    /**
     * How asynchronous invocations wait between attempts, on the service's clock.
     *
     * @param retryDelays the wait before the first and the second retry after a function error
     *     (Lambda: about one and two minutes); at least two
     * @param throttleFirst the wait after a first throttle (Lambda: one second); doubled after each
     *     further throttle in a row
     * @param throttleMax the longest wait after a throttle (Lambda: five minutes)
     */
    public record AsyncPolicy(List<Duration> retryDelays, Duration throttleFirst, Duration throttleMax) {
        /** Lambda's timing. */
        public static final AsyncPolicy DEFAULTS = new AsyncPolicy(
                List.of(Duration.ofMinutes(1), Duration.ofMinutes(2)), Duration.ofSeconds(1), Duration.ofMinutes(5));

        public AsyncPolicy {
            retryDelays = List.copyOf(retryDelays);
            if (retryDelays.size() < EventInvokeConfig.DEFAULT_RETRY_ATTEMPTS) {
                throw new IllegalArgumentException("retryDelays needs a delay for each of the two retries");
            }
            Objects.requireNonNull(throttleFirst);
            Objects.requireNonNull(throttleMax);
        }

        /** The wait before retry number {@code retry} (1 or 2). */
        Duration retryDelay(int retry) {
            return retryDelays.get(Math.min(retry, retryDelays.size()) - 1);
        }

        /** The wait after the {@code throttles}-th throttle in a row (1 for the first). */
        Duration throttleDelay(int throttles) {
            Duration d = throttleFirst.multipliedBy(1L << Math.min(Math.max(throttles - 1, 0), 20));
            return d.compareTo(throttleMax) > 0 ? throttleMax : d;
        }
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
