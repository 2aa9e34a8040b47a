import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Query and Scan benchmark against a running Eddy (JDK only, run as a source file):
 * loads ITEMS items of about 100 bytes in partitions of 100, then measures Query of one whole
 * partition (100 items) with CONCURRENCY clients, and one full paginated Scan.
 *
 * <pre>java bench/java/QueryScanBench.java http://127.0.0.1:8000 [items] [concurrency] [seconds] [server-pid]</pre>
 *
 * <p>With the server's process id (Linux), it also prints the server's CPU time per Query and per
 * Scan: the client shares the machine, so throughput alone may measure the client.
 */
public class QueryScanBench {
    static final Pattern COUNT = Pattern.compile("\"Count\":(\\d+)");
    static final Pattern LAST_KEY = Pattern.compile("\"LastEvaluatedKey\":(\\{\"[^}]*\\}(,\"[^}]*\\})?\\})");
    // HTTP/1.1 as the SDKs speak it (the default would offer an h2c upgrade on every new connection)
    static final AtomicLong RETRIES = new AtomicLong();
    static HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    static URI endpoint;

    public static void main(String[] args) throws Exception {
        endpoint = URI.create(args[0]);
        int items = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        serverPid = args.length > 4 ? Long.parseLong(args[4]) : -1;
        int partitions = items / 100;
        call("CreateTable", "{\"TableName\":\"qscan\",\"BillingMode\":\"PAY_PER_REQUEST\",\"AttributeDefinitions\":["
                + "{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]}");
        String data = "x".repeat(64);
        long t0 = System.nanoTime();
        AtomicLong next = new AtomicLong();
        runAll(concurrency, () -> {
            for (long i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) {
                call("PutItem", "{\"TableName\":\"qscan\",\"Item\":{\"pk\":{\"S\":\"p" + (i / 100) + "\"},\"sk\":{\"N\":\""
                        + (i % 100) + "\"},\"data\":{\"S\":\"" + data + "\"}}}");
            }
        });
        double load = (System.nanoTime() - t0) / 1e9;
        System.out.printf("loaded %,d items in %.1f s (%,.0f PutItem/s, %d clients)%n", items, load, items / load,
                concurrency);

        AtomicLong queries = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long q0 = System.nanoTime();
        long cpuQ0 = serverCpuNanos();
        runAll(concurrency, () -> {
            while (System.nanoTime() < end) {
                int p = ThreadLocalRandom.current().nextInt(partitions);
                String r = call("Query", "{\"TableName\":\"qscan\",\"KeyConditionExpression\":\"pk = :p\","
                        + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p" + p + "\"}}}");
                if (count(r) != 100) {
                    throw new IllegalStateException("query returned " + count(r) + " items");
                }
                queries.incrementAndGet();
            }
        });
        double q = (System.nanoTime() - q0) / 1e9;
        long cpuQ = serverCpuNanos() - cpuQ0;
        System.out.printf("Query, 100 items from one partition: %,.0f queries/s = %,.0f items/s (%d clients, %d s)%n",
                queries.get() / q, queries.get() * 100 / q, concurrency, seconds);
        if (serverPid > 0) {
            System.out.printf("  server CPU per Query: %.3f ms%n", cpuQ / 1e6 / queries.get());
        }

        long s0 = System.nanoTime();
        long cpuS0 = serverCpuNanos();
        long scanned = 0;
        int pages = 0;
        String start = null;
        do {
            String r = call("Scan", "{\"TableName\":\"qscan\"" + (start == null ? "" : ",\"ExclusiveStartKey\":" + start)
                    + "}");
            scanned += count(r);
            pages++;
            Matcher m = LAST_KEY.matcher(r);
            start = m.find() ? m.group(1) : null;
        } while (start != null);
        double s = (System.nanoTime() - s0) / 1e9;
        if (scanned != items) {
            throw new IllegalStateException("scan returned " + scanned + " items");
        }
        System.out.printf("Scan of all %,d items (one client, %d pages of up to 1 MB): %.1f s = %,.0f items/s%n",
                scanned, pages, s, scanned / s);
        if (serverPid > 0) {
            System.out.printf("  server CPU for the Scan: %.0f ms%n", (serverCpuNanos() - cpuS0) / 1e6);
        }
        System.out.printf("client retries after a connection failure: %d%n", RETRIES.get());
    }

    static long serverPid = -1;

    /** The server's user and system CPU time so far (clock ticks of 10 ms), or 0 without a process id. */
    static long serverCpuNanos() throws java.io.IOException {
        if (serverPid <= 0) {
            return 0;
        }
        String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + serverPid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command: state is field 3, utime field 14, stime field 15
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    static int count(String response) {
        Matcher m = COUNT.matcher(response);
        if (!m.find()) {
            throw new IllegalStateException("no Count in " + response);
        }
        return Integer.parseInt(m.group(1));
    }

    static String call(String target, String body) {
        HttpRequest req = HttpRequest.newBuilder(endpoint).header("X-Amz-Target", "DynamoDB_20120810." + target)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> res;
            try {
                res = http.send(req, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                // every call here is idempotent; the JDK's client now and then fails a request on a
                // pooled connection that it is still watching as idle ("Data received while in
                // pool"), so one retry is made and counted
                RETRIES.incrementAndGet();
                res = http.send(req, HttpResponse.BodyHandlers.ofString());
            }
            if (res.statusCode() != 200) {
                throw new IllegalStateException(target + " failed: " + res.statusCode() + " " + res.body());
            }
            return res.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void runAll(int n, Runnable work) throws Exception {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                fs.add(pool.submit(work));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        }
    }
}
