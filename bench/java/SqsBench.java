import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQS receive and long-poll benchmark against a running Eddy (JDK only, run as a source file), in
 * the JSON 1.0 protocol:
 *
 * <ol>
 *   <li>ReceiveMessage (MaxNumberOfMessages 10) then one DeleteMessage per message, by CONCURRENCY
 *       clients for SECONDS, on QUEUE (filled beforehand): messages received and deleted per second;
 *   <li>the same with one DeleteMessageBatch per receive;
 *   <li>long-poll wake-up: one client waits in ReceiveMessage (WaitTimeSeconds 20) on an empty queue,
 *       another sends a message; the time from the SendMessage's answer to the ReceiveMessage's
 *       answer, ROUNDS times, p50 and p99.
 * </ol>
 *
 * <pre>java bench/java/SqsBench.java http://127.0.0.1:8000 [queue] [concurrency] [seconds] [rounds]</pre>
 */
public class SqsBench {
    static final Pattern HANDLE = Pattern.compile("\"ReceiptHandle\":\"([^\"]+)\"");
    static final Pattern QUEUE_URL = Pattern.compile("\"QueueUrl\":\"([^\"]+)\"");
    // HTTP/1.1 as the SDKs speak it (the default would offer an h2c upgrade on every new connection)
    static HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    static URI endpoint;

    public static void main(String[] args) throws Exception {
        endpoint = URI.create(args[0]);
        String queue = args.length > 1 ? args[1] : "bench";
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 300;
        String url = queueUrl(queue);
        receiveAndDelete(url, concurrency, seconds, false);
        receiveAndDelete(url, concurrency, seconds, true);
        longPoll(queueUrl(queue + "-poll"), rounds);
    }

    static void receiveAndDelete(String url, int concurrency, int seconds, boolean batch) throws Exception {
        AtomicLong messages = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long t0 = System.nanoTime();
        runAll(concurrency, () -> {
            while (System.nanoTime() < end) {
                List<String> handles;
                try {
                    handles = handles(call("ReceiveMessage",
                            "{\"QueueUrl\":\"" + url + "\",\"MaxNumberOfMessages\":10,\"WaitTimeSeconds\":0}"));
                } catch (IllegalStateException e) {
                    failures.incrementAndGet(); // counted and shown: an answer other than 200
                    continue;
                }
                requests.incrementAndGet();
                if (handles.isEmpty()) {
                    continue;
                }
                if (batch) {
                    StringBuilder entries = new StringBuilder();
                    for (int i = 0; i < handles.size(); i++) {
                        entries.append(i == 0 ? "" : ",").append("{\"Id\":\"e").append(i)
                                .append("\",\"ReceiptHandle\":\"").append(handles.get(i)).append("\"}");
                    }
                    call("DeleteMessageBatch", "{\"QueueUrl\":\"" + url + "\",\"Entries\":[" + entries + "]}");
                    requests.incrementAndGet();
                } else {
                    for (String h : handles) {
                        call("DeleteMessage", "{\"QueueUrl\":\"" + url + "\",\"ReceiptHandle\":\"" + h + "\"}");
                        requests.incrementAndGet();
                    }
                }
                messages.addAndGet(handles.size());
            }
        });
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("### ReceiveMessage (up to 10) + %s, %d clients, %d s%n",
                batch ? "DeleteMessageBatch" : "DeleteMessage per message", concurrency, seconds);
        System.out.printf("  messages received and deleted/s: %,.0f   requests/s: %,.0f   failed receives: %d%n",
                messages.get() / s, requests.get() / s, failures.get());
    }

    static void longPoll(String url, int rounds) throws Exception {
        long[] micros = new long[rounds];
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < rounds; i++) {
                CompletableFuture<Long> answered = CompletableFuture.supplyAsync(() -> {
                    String r = call("ReceiveMessage", "{\"QueueUrl\":\"" + url + "\",\"WaitTimeSeconds\":20}");
                    long at = System.nanoTime();
                    for (String h : handles(r)) {
                        call("DeleteMessage", "{\"QueueUrl\":\"" + url + "\",\"ReceiptHandle\":\"" + h + "\"}");
                    }
                    return at;
                }, pool);
                Thread.sleep(30); // let the receive reach the server and start waiting
                call("SendMessage", "{\"QueueUrl\":\"" + url + "\",\"MessageBody\":\"ping " + i + "\"}");
                long acknowledged = System.nanoTime();
                micros[i] = (answered.get() - acknowledged) / 1_000;
            }
        }
        Arrays.sort(micros);
        System.out.printf("### long-poll wake-up, %d rounds: SendMessage answered -> waiting ReceiveMessage answered%n",
                rounds);
        System.out.printf("  p50: %.2f ms   p99: %.2f ms   max: %.2f ms (negative: the receive answered first)%n",
                micros[rounds / 2] / 1000.0, micros[(int) Math.ceil(rounds * 0.99) - 1] / 1000.0,
                micros[rounds - 1] / 1000.0);
    }

    static String queueUrl(String name) {
        Matcher m = QUEUE_URL.matcher(call("CreateQueue", "{\"QueueName\":\"" + name + "\"}"));
        if (!m.find()) {
            throw new IllegalStateException("no QueueUrl");
        }
        return m.group(1);
    }

    static List<String> handles(String response) {
        List<String> out = new ArrayList<>();
        Matcher m = HANDLE.matcher(response);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    static String call(String target, String body) {
        HttpRequest req = HttpRequest.newBuilder(endpoint).header("X-Amz-Target", "AmazonSQS." + target)
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/sqs/aws4_request, "
                        + "SignedHeaders=host, Signature=0")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
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
