import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Event source mapping benchmarks against a running Eddy (JDK only, run as a source file):
 *
 * <pre>
 * java bench/java/MappingsBench.java latency URL SDK_WRITER_JAR STAMP_FILE [records]
 * java bench/java/MappingsBench.java latency-setup URL SDK_WRITER_JAR STAMP_FILE
 * java bench/java/MappingsBench.java latency-run URL[,URL...] MAPPING_UUID STAMP_FILE [records [warm-up]]
 * java bench/java/MappingsBench.java drain URL HANDLERS_JAR [records]
 * java bench/java/MappingsBench.java write-setup URL HANDLERS_JAR
 * java bench/java/MappingsBench.java write-report URL
 * </pre>
 *
 * <ul>
 *   <li>latency: PutItem, one at a time, into a table mapped with BatchSize 1 and no window to
 *       example.sdk.StartStamp, which notes the wall clock (microseconds) when it starts; the
 *       latency is from the PutItem's answer (and from its sending) to that start; latency-setup
 *       and latency-run are its two halves, so that nodes can join a cluster between them
 *       (latency-run sends the writes to the URLs in turn and waits for every node to drain);
 *   <li>drain: loads a stream with RECORDS records, then maps it to example.StreamNoOp with
 *       BatchSize 1000 and times until the mapping has drained it; once with ParallelizationFactor
 *       1, then with 10 (a second function, a second mapping, the same records);
 *   <li>write-setup: two streamed tables for wrk's put.lua, {@code wmapped} (mapped to
 *       example.StreamNoOp, BatchSize 100) and {@code wplain} (not mapped); write-report: how far
 *       behind the mapping is after the writes, and how long it takes to catch up.
 * </ul>
 */
public class MappingsBench {
    static final String ROLE = "arn:aws:iam::000000000000:role/lambda-role";
    static final Pattern STATE = Pattern.compile("\"State\"\\s*:\\s*\"(\\w+)\"");
    static final Pattern UUID = Pattern.compile("\"UUID\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern STREAM_ARN = Pattern.compile("\"LatestStreamArn\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern POLLED = Pattern.compile("\"PolledEventCount\"\\s*:\\s*(\\d+)");
    static final Pattern LAG = Pattern.compile("\"Lag\"\\s*:\\s*(\\d+)");
    static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    static String endpoint;

    public static void main(String[] args) throws Exception {
        endpoint = args[1].replaceAll("/+$", "");
        switch (args[0]) {
            case "latency" -> latency(Path.of(args[2]), Path.of(args[3]), args.length > 4 ? Integer.parseInt(args[4]) : 3000);
            case "latency-setup" -> System.out.println(latencySetup(Path.of(args[2]), Path.of(args[3])));
            case "latency-run" -> latencyRun(
                    List.of(args[1].split(",")),
                    args[2],
                    Path.of(args[3]),
                    args.length > 4 ? Integer.parseInt(args[4]) : 3000,
                    args.length > 5 ? Integer.parseInt(args[5]) : 1000);
            case "drain" -> drain(Path.of(args[2]), args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000);
            case "write-setup" -> writeSetup(Path.of(args[2]));
            case "write-report" -> writeReport();
            default -> throw new IllegalArgumentException("unknown phase " + args[0]);
        }
    }

    // ---- (a) trigger latency ----

    static void latency(Path jar, Path stamps, int records) throws Exception {
        latencyRun(List.of(endpoint), latencySetup(jar, stamps), stamps, records, 1000);
    }

    /** The streamed table, the function and the mapping of the latency benchmark; its UUID. */
    static String latencySetup(Path jar, Path stamps) throws Exception {
        String arn = streamedTable("lat", "pk");
        deploy("stamp", jar, "example.sdk.StartStamp", "{\"STAMP_FILE\":\"" + stamps + "\"}");
        return map(arn, "stamp", 1, 1);
    }

    static void latencyRun(List<String> endpoints, String uuid, Path stamps, int records, int warm) throws Exception {
        Map<String, long[]> sent = new HashMap<>();
        for (int i = 0; i < warm + records; i++) {
            String key = (i < warm ? "warm-" : "m-") + i;
            endpoint = endpoints.get(i % endpoints.size());
            long send = nowMicros();
            ddb("PutItem", "{\"TableName\":\"lat\",\"Item\":{\"pk\":{\"S\":\"" + key + "\"},\"n\":{\"N\":\"" + i + "\"}}}");
            long ack = nowMicros();
            if (i >= warm) {
                sent.put(key, new long[] {send, ack});
            }
            // one write at a time, 2 ms apart: the latency of a lone write, not of a queue
            Thread.sleep(2);
        }
        for (String e : endpoints) {
            endpoint = e;
            awaitDrained(uuid);
        }
        long[] fromAck = new long[records];
        long[] fromSend = new long[records];
        long[] putRoundTrip = new long[records];
        int n = 0;
        int seen = 0;
        for (String line : Files.readAllLines(stamps)) {
            String[] f = line.split("\t");
            long[] s = sent.remove(f[0]);
            seen++;
            if (s == null) {
                continue;
            }
            long start = Long.parseLong(f[1]);
            fromAck[n] = start - s[1];
            fromSend[n] = start - s[0];
            putRoundTrip[n] = s[1] - s[0];
            n++;
        }
        if (!sent.isEmpty()) {
            throw new IllegalStateException(sent.size() + " writes never reached the handler");
        }
        System.out.printf("%,d handler starts noted (%,d warm-up writes not measured), %,d measured%n", seen, warm, n);
        report("acknowledged PutItem -> handler start", fromAck);
        report("PutItem sent -> handler start", fromSend);
        report("PutItem round trip (for reference)", putRoundTrip);
        long early = Arrays.stream(fromAck).filter(v -> v < 0).count();
        System.out.printf("handler started before the client had the PutItem's answer: %,d of %,d%n", early, n);
    }

    static void report(String label, long[] micros) {
        long[] v = micros.clone();
        Arrays.sort(v);
        System.out.printf("%s: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (n=%,d)%n", label,
                pct(v, 50) / 1000.0, pct(v, 90) / 1000.0, pct(v, 99) / 1000.0, v[v.length - 1] / 1000.0, v.length);
    }

    static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    static long nowMicros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }

    // ---- (b), (c) drain rate ----

    static void drain(Path jar, int records) throws Exception {
        String arn = streamedTable("drain", "pk");
        long t0 = System.nanoTime();
        load("drain", records, 16);
        double load = (System.nanoTime() - t0) / 1e9;
        System.out.printf("loaded %,d records (items of about 100 bytes, BatchWriteItem of 25, 16 clients) in %.1f s"
                + " = %,.0f items/s%n", records, load, records / load);
        deploy("noop1", jar, "example.StreamNoOp", "{}");
        deploy("noop10", jar, "example.StreamNoOp", "{}");
        timeDrain(arn, "noop1", 1, records);
        timeDrain(arn, "noop10", 10, records);
    }

    static void timeDrain(String arn, String function, int parallelization, int records) throws Exception {
        long t0 = System.nanoTime();
        String uuid = map(arn, function, 1000, parallelization);
        awaitDrained(uuid);
        double s = (System.nanoTime() - t0) / 1e9;
        String status = get("/eddy/v1/mappings");
        long polled = sumFor(status, uuid, POLLED);
        long invocations = invocations(function);
        System.out.printf("drain, BatchSize 1000, ParallelizationFactor %d: %,d records in %.1f s = %,.0f records/s"
                + " (PolledEventCount %,d; %,d invocations, %,.0f records each)%n", parallelization, records, s,
                records / s, polled, invocations, (double) records / Math.max(1, invocations));
        if (polled < records) {
            throw new IllegalStateException("the mapping polled " + polled + " of " + records + " records");
        }
        rest("DELETE", "/2015-03-31/event-source-mappings/" + uuid, null);
    }

    static void load(String table, int records, int clients) throws Exception {
        String data = "x".repeat(64);
        AtomicLong next = new AtomicLong();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> fs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                fs.add(pool.submit(() -> {
                    for (long b = next.getAndIncrement(); b * 25 < records; b = next.getAndIncrement()) {
                        StringBuilder sb = new StringBuilder("{\"RequestItems\":{\"" + table + "\":[");
                        for (long i = b * 25; i < Math.min(records, b * 25 + 25); i++) {
                            sb.append(i == b * 25 ? "" : ",").append("{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"d-")
                                    .append(i).append("\"},\"data\":{\"S\":\"").append(data).append("\"}}}}");
                        }
                        String r = ddb("BatchWriteItem", sb.append("]}}").toString());
                        if (!r.contains("\"UnprocessedItems\":{}")) {
                            throw new IllegalStateException("unprocessed items: " + r);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        }
    }

    // ---- (d) writes with and without a running mapping ----

    static void writeSetup(Path jar) throws Exception {
        String mapped = streamedTable("wmapped", "id");
        streamedTable("wplain", "id");
        deploy("wnoop", jar, "example.StreamNoOp", "{}");
        System.out.println(map(mapped, "wnoop", 100, 1));
    }

    static void writeReport() throws Exception {
        String status = get("/eddy/v1/mappings");
        Matcher m = UUID.matcher(status);
        if (!m.find()) {
            throw new IllegalStateException("no mapping");
        }
        String uuid = m.group(1);
        long lag = lag(status, uuid);
        long t0 = System.nanoTime();
        awaitDrained(uuid);
        double s = (System.nanoTime() - t0) / 1e9;
        long polled = sumFor(get("/eddy/v1/mappings"), uuid, POLLED);
        System.out.printf("mapping of wmapped: %,d records processed; right after the last write it was %,d records"
                + " behind and caught up in %.2f s%n", polled, lag, s);
    }

    // ---- the API ----

    static String streamedTable(String name, String key) {
        ddb("CreateTable", "{\"TableName\":\"" + name + "\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"" + key + "\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"" + key + "\",\"KeyType\":\"HASH\"}],"
                + "\"StreamSpecification\":{\"StreamEnabled\":true,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}}");
        return find(STREAM_ARN, ddb("DescribeTable", "{\"TableName\":\"" + name + "\"}"));
    }

    static void deploy(String name, Path jar, String handler, String env) throws Exception {
        String zip = Base64.getEncoder().encodeToString(Files.readAllBytes(jar));
        rest("POST", "/2015-03-31/functions", "{\"FunctionName\":\"" + name + "\",\"Runtime\":\"java21\",\"Role\":\""
                + ROLE + "\",\"Handler\":\"" + handler + "\",\"MemorySize\":1024,\"Timeout\":60,"
                + "\"Environment\":{\"Variables\":" + env + "},\"Code\":{\"ZipFile\":\"" + zip + "\"}}");
        awaitState("/2015-03-31/functions/" + name + "/configuration", "Active");
    }

    static String map(String arn, String function, int batchSize, int parallelization) throws Exception {
        String r = rest("POST", "/2015-03-31/event-source-mappings", "{\"EventSourceArn\":\"" + arn
                + "\",\"FunctionName\":\"" + function + "\",\"StartingPosition\":\"TRIM_HORIZON\",\"BatchSize\":"
                + batchSize + ",\"ParallelizationFactor\":" + parallelization
                + ",\"MaximumBatchingWindowInSeconds\":0}");
        String uuid = find(UUID, r);
        awaitState("/2015-03-31/event-source-mappings/" + uuid, "Enabled");
        return uuid;
    }

    static void awaitState(String path, String state) throws Exception {
        for (int i = 0; i < 3000; i++) {
            if (state.equals(find(STATE, get(path)))) {
                return;
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException(path + " never reached " + state);
    }

    static void awaitDrained(String uuid) {
        for (int i = 0; i < 10; i++) {
            try {
                if (rest("POST", "/eddy/v1/mappings/drain?TimeoutSeconds=300&UUID=" + uuid, null).contains("true")) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // a pooled connection the server closed while the writes ran: ask again
                System.err.println("drain: " + e.getMessage() + "; asking again");
            }
        }
        throw new IllegalStateException("mapping " + uuid + " not drained after 50 minutes");
    }

    /** The function's Invocations counter from GET /metrics. */
    static long invocations(String function) {
        Matcher m = Pattern.compile("(?m)^eddy_lambda_invocations_total\\{function_name=\"" + function
                + "\"[^}]*\\} (\\S+)$").matcher(get("/metrics"));
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

    /** The part of GET /eddy/v1/mappings about mapping {@code uuid}. */
    static String part(String status, String uuid) {
        int from = status.indexOf("\"" + uuid + "\"");
        int to = status.indexOf("\"UUID\"", from + 1);
        return status.substring(from, to < 0 ? status.length() : to);
    }

    /** The sum of a counter over the shards of mapping {@code uuid}. */
    static long sumFor(String status, String uuid, Pattern counter) {
        long sum = 0;
        Matcher m = counter.matcher(part(status, uuid));
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }

    /** The mapping's Lag: the last one in its part, after those of its shards. */
    static long lag(String status, String uuid) {
        long last = 0;
        Matcher m = LAG.matcher(part(status, uuid));
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        return last;
    }

    static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException(p + " not in " + text);
        }
        return m.group(1);
    }

    static String ddb(String target, String body) {
        return send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .header("X-Amz-Target", "DynamoDB_20120810." + target)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static String get(String path) {
        return rest("GET", path, null);
    }

    static String rest(String method, String path, String body) {
        return send(HttpRequest.newBuilder(URI.create(endpoint + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/lambda/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .timeout(Duration.ofSeconds(400))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)));
    }

    static String send(HttpRequest.Builder req) {
        try {
            HttpResponse<String> res = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() >= 300) {
                throw new IllegalStateException(res.request().uri() + " failed: " + res.statusCode() + " " + res.body());
            }
            return res.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
