package org.emotionanalyser.local.runtime;

import com.sun.management.OperatingSystemMXBean;
import org.emotionanalyser.local.runtime.sqs.QueueAccess;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.Image;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark main, not a test: the bare local analyser against the whole local pipeline on the same photos in one
 * run, and the load run. Prints Markdown rows for BENCHMARKS.md with the command that produced them.
 *
 * <pre>
 * --photos group|small   face-api's 1920 px group photos (sample1-6.jpg), or one-face 350 px photos
 * --uploads N            uploads through the pipeline (default 200); the bare run analyses min(N, --bare) images
 * --bare N               images for the bare analyser (default 200)
 * --tenants T            tenants the uploads are spread over, round robin (default 1)
 * --upload-threads N     clients uploading at once (default 4)
 * --rate R               uploads started per second, paced (default: as fast as the clients go, a burst)
 * --concurrency N        the runtime's function concurrency (default: the runtime's own default)
 * --warm-up N            warm-up images before anything is measured (default 400): N uploads of a separate
 *                        tenant, then N bare calls, before the first bare half
 * </pre>
 *
 * Before each of the three measured runs the benchmark waits until the process is idle ("settled in" lines), so
 * no run pays for the work the one before left behind.
 *
 * Both paths are measured warm, as a local mode that has been running for a while is: with C1 the JIT compiles a
 * method after about 200 calls, so code that runs once per image is still interpreted, and being compiled, for the
 * first few hundred images. JIT per image in the measured pipeline run of one-face photos: about 0.03 s after 12
 * warm-up uploads, 0.010-0.013 s after 100 (when about 3,500 methods were compiled during the measured 200
 * uploads, most of them SDK client, ElasticMQ and S3Proxy code), 0.003-0.004 s after 400, hence the default.
 *
 * Beside the latencies it prints those of an ideal pipeline on the same upload start times: one that adds nothing
 * to the bare analyser and serves the images one after another at the bare run's images/s. When uploads arrive faster
 * than the analyser works (a burst), that ideal's p95 is the best any pipeline on the machine could reach, so it
 * tells a latency target the pipeline misses from one the analyser's own speed rules out.
 *
 * Besides throughput and latency it prints the process's CPU seconds per image in the bare and the pipeline run
 * (independent of how busy the machine is), the pipeline run's garbage-collection and JIT-compilation time, and
 * CPU by thread group of both runs, so a low ratio can be traced to where the extra work is: Java threads by name,
 * the JVM's garbage collector, JIT compiler and VM threads (read from {@code /proc} on Linux), and the rest of the
 * process's CPU in one line, so the groups add up to the CPU per image.
 *
 * Every image is made unique (a JPEG comment with its number), so no cached decode or result is reused across
 * copies; the bare run and the pipeline run use different copies. The bare run makes the calls the reader makes
 * (DetectLabels, then RecognizeCelebrities) from two client threads, half of it before and half after the
 * pipeline run, so a change in the machine's load during the run weighs on both alike. Upload-to-notification
 * latency runs from the start of the upload request to the arrival of the tenant's SNS notification in a subscribed
 * SQS queue (the message's {@code SentTimestamp}, in milliseconds); the benchmark's subscriber reads that queue once a
 * second, ten messages at a time, so that it takes little of the CPU the pipeline it measures runs on.
 */
public final class PipelineBenchmark {

    private static final Pattern IMAGE_ID = Pattern.compile("imageId\\\\?\"\\s*:\\s*\\\\?\"([0-9a-f]{32})");

    /** Linux reports a thread's CPU in clock ticks of 1/100 s (USER_HZ, 100 on every architecture the JDK runs on). */
    private static final long NANOS_PER_CLOCK_TICK = 10_000_000L;

    /** The group of the process's CPU that no thread listed accounts for. */
    private static final String UNLISTED = "(the rest: threads that ended, JVM service threads, native threads)";

    private PipelineBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = flags(args);
        String set = flags.getOrDefault("photos", "group");
        int uploads = Integer.parseInt(flags.getOrDefault("uploads", "200"));
        int bareCount = Integer.parseInt(flags.getOrDefault("bare", "200"));
        int tenants = Integer.parseInt(flags.getOrDefault("tenants", "1"));
        int uploadThreads = Integer.parseInt(flags.getOrDefault("upload-threads", "4"));
        double rate = Double.parseDouble(flags.getOrDefault("rate", "0"));
        warmUpUploads = Integer.parseInt(flags.getOrDefault("warm-up", "400"));
        List<byte[]> photos = photos(set);
        Path data = Files.createTempDirectory("pipeline-benchmark");
        LocalRuntimeOptions base = LocalPipelineIntegrationTest.projectStack(data.resolve("data"), false);
        int concurrency = flags.containsKey("concurrency") ? Integer.parseInt(flags.get("concurrency"))
                : base.functionConcurrency();
        LocalRuntimeOptions options = new LocalRuntimeOptions(base.dataDir(), 0, 0, base.analyzer(),
                base.knownFacesDir(), base.template(), base.asyncRetryDelays(), false, concurrency);
        System.out.printf("photos=%s uploads=%d bare=%d tenants=%d upload-threads=%d concurrency=%d cores=%d%n",
                set, uploads, bareCount, tenants, uploadThreads, concurrency,
                Runtime.getRuntime().availableProcessors());
        try (LocalRuntime runtime = LocalRuntime.start(options);
             TestAwsClients aws = new TestAwsClients(runtime)) {
            // the pipeline's warm-up first: the JIT work it leaves must not slow the first bare half
            warmUp(new PipelineClient(runtime.apiEndpoint(), runtime.adminKey()), aws, photos, warmUpUploads);
            double bareSecondsBefore = bare(runtime, photos, 0, bareCount / 2, warmUpUploads);
            Result pipeline = pipeline(runtime, aws, photos, uploads, tenants, uploadThreads, rate);
            double bareSecondsAfter = bare(runtime, photos, bareCount / 2, bareCount, 3);
            double bare = bareCount / (bareSecondsBefore + bareSecondsAfter);
            System.out.printf("%nbare analyser: %.2f images/s (%d images, 2 client threads; %.2f before and %.2f "
                            + "after the pipeline run)%n", bare, bareCount, (bareCount / 2) / bareSecondsBefore,
                    (bareCount - bareCount / 2) / bareSecondsAfter);
            System.out.printf("pipeline:      %.2f images/s (%d uploads over %d tenant(s), %s)%n",
                    pipeline.perSecond, uploads, tenants, rate > 0 ? rate + " uploads/s paced" : "burst");
            System.out.printf("ratio pipeline/bare: %.2f%n", pipeline.perSecond / bare);
            // CPU per image does not depend on how busy the machine is, so it says where the pipeline's extra cost is
            // even when the throughput figures are noisy
            double bareCpu = bareCpuNanos / 1e9 / bareCount;
            double pipelineCpu = pipelineCpuNanos / 1e9 / uploads;
            System.out.printf("CPU per image (this process, all threads): bare %.3f s, pipeline %.3f s (ratio %.2f;"
                    + " includes the benchmark's own clients)%n", bareCpu, pipelineCpu, bareCpu / pipelineCpu);
            System.out.printf("pipeline run: garbage collection pauses %.3f s per image, JIT compilation %.3f s per"
                    + " image%n", pipelineGcMillis / 1e3 / uploads, pipelineJitMillis / 1e3 / uploads);
            // the same thread groups in both runs (the analyser runs on the edge's threads in both), so the
            // difference column is the pipeline's own work per image, group by group
            System.out.println("CPU by thread group (Java threads alive at the end of each run; the JVM's own threads"
                    + " from /proc on Linux; the rest of the process's CPU in one line), s per image:");
            System.out.println("     bare  pipeline  difference  thread group");
            pipelineCpuByThreads.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(20).forEach(e -> {
                        double inBare = bareCpuByThreads.getOrDefault(e.getKey(), 0L) / 1e9 / bareCount;
                        double inPipeline = e.getValue() / 1e9 / uploads;
                        System.out.printf("  %7.3f  %8.3f  %10.3f  %s%n", inBare, inPipeline, inPipeline - inBare,
                                e.getKey());
                    });
            System.out.printf("upload->notification p50 %.1f s, p95 %.1f s, p99 %.1f s, max %.1f s%n",
                    pipeline.percentile(50), pipeline.percentile(95), pipeline.percentile(99),
                    pipeline.percentile(100));
            double[] starts = pipeline.startsSeconds;
            double offeredOver = starts.length == 0 ? 0 : starts[starts.length - 1] - starts[0];
            double[] ideal = idealQueueLatencies(starts, 1 / bare);
            System.out.printf("uploads started over %.1f s (%.2f uploads/s); a pipeline adding nothing to the bare "
                            + "analyser (ratio 1.00) would have p50 %.1f s, p95 %.1f s, p99 %.1f s on these uploads%n",
                    offeredOver, offeredOver > 0 ? (starts.length - 1) / offeredOver : 0, percentile(ideal, 50),
                    percentile(ideal, 95), percentile(ideal, 99));
            // each 429 ran API Gateway's throttle check after the authorizer (and its tenant read), as in AWS, on
            // the cores the pipeline runs on; a client pacing itself to the tenant's rate would not pay for them
            System.out.printf("answered 429 (over the tenant's rate, retried after a pause): %d requests, %.2f per "
                    + "upload%n", pipeline.throttled, (double) pipeline.throttled / uploads);
            System.out.printf("notified %d of %d; per-tenant catalogue counts %s (expected %s); lost %d%n",
                    pipeline.notified, uploads, pipeline.catalogued, pipeline.expected, uploads - pipeline.notified);
            System.out.printf("peak RSS of this JVM (runtime + benchmark clients): %d MB; heap max %d MB%n",
                    peakRssKb() / 1024, Runtime.getRuntime().maxMemory() / (1024 * 1024));
        } finally {
            deleteQuietly(data);
        }
        System.exit(0);
    }

    /**
     * {@code count} uploads of a tenant of its own, four at a time, each awaited, before anything is measured: the JIT
     * compiles the functions' and services' code as Lambda's warm containers would have it compiled (the bare run
     * warms up too).
     */
    private static void warmUp(PipelineClient client, TestAwsClients aws, List<byte[]> photos, int count)
            throws Exception {
        if (count == 0) {
            return;
        }
        String tenant = "bench-warm-up";
        String key = client.createTenant(tenant);
        // subscribed like the measured tenants, so notification and delivery are warmed too (nobody reads these)
        subscribedQueue(client, aws, tenant, key);
        ExecutorService warmers = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] image = unique(photos.get(i % photos.size()), "warm-up-" + i);
            int n = i;
            running.add(warmers.submit(() -> {
                String id = client.upload(tenant, key, "warm-up-" + n + ".jpg", image, "image/jpeg");
                client.awaitAnalysed(tenant, key, id, Duration.ofMinutes(5));
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        warmers.shutdown();
    }

    private static int warmUpUploads;
    private static long bareCpuNanos;
    private static long pipelineCpuNanos;
    private static Map<String, Long> pipelineCpuByThreads = Map.of();
    private static final Map<String, Long> bareCpuByThreads = new HashMap<>();
    private static long pipelineGcMillis;
    private static long pipelineJitMillis;

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU used so far: by the whole process, by each live Java thread (by id), and by the JVM's own garbage
     * collector, JIT compiler and VM threads (by group), which are not Java threads and so not in the first map.
     */
    private record CpuSnapshot(long processNanos, Map<Long, Long> javaThreadNanos, Map<String, Long> jvmThreadNanos) {

        static CpuSnapshot now() {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            Map<Long, Long> javaThreads = new HashMap<>();
            for (long id : threads.getAllThreadIds()) {
                long nanos = threads.getThreadCpuTime(id);
                if (nanos >= 0) {
                    javaThreads.put(id, nanos);
                }
            }
            return new CpuSnapshot(processCpuNanos(), javaThreads, jvmThreadCpuNanos());
        }
    }

    /**
     * CPU of the JVM's garbage collector, JIT compiler and VM threads, by group, read from {@code /proc/self/task}
     * (their names there, as {@code top -H} shows them); empty where there is no such directory.
     */
    private static Map<String, Long> jvmThreadCpuNanos() {
        Map<String, Long> groups = new HashMap<>();
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return groups;
        }
        try (var threads = Files.list(tasks)) {
            threads.forEach(task -> {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException ended) {
                    return;
                }
                // "tid (name) state ...": the name may hold spaces and parentheses, so it ends at the last ')'
                String group = jvmThreadGroup(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')));
                if (group != null) {
                    // the fields after the name: state is field 3 of stat(5), utime 14 and stime 15
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    groups.merge(group, ticks * NANOS_PER_CLOCK_TICK, Long::sum);
                }
            });
        } catch (IOException e) {
            return groups;
        }
        return groups;
    }

    /** The group of a JVM thread by its name in {@code /proc}, or null for any other thread. */
    private static String jvmThreadGroup(String name) {
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return "(JVM) garbage collector";
        }
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return "(JVM) JIT compiler";
        }
        if (name.equals("VM Thread") || name.startsWith("VM Periodic")) {
            return "(JVM) VM thread";
        }
        return null;
    }

    /**
     * CPU spent between two snapshots by group: Java threads by name with its numbers removed (a pool's threads
     * together), the JVM's own threads, and the rest of the process's CPU, which neither lists (threads that ended
     * during the run, the JVM's service threads, threads native code started).
     */
    private static Map<String, Long> cpuByThreadGroup(CpuSnapshot before, CpuSnapshot after) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> groups = new HashMap<>();
        after.javaThreadNanos().forEach((id, nanos) -> {
            ThreadInfo info = threads.getThreadInfo(id);
            if (info != null) {
                String group = info.getThreadName().replaceAll("[0-9]+", "N");
                groups.merge(group, nanos - before.javaThreadNanos().getOrDefault(id, 0L), Long::sum);
            }
        });
        after.jvmThreadNanos().forEach((group, nanos) ->
                groups.merge(group, nanos - before.jvmThreadNanos().getOrDefault(group, 0L), Long::sum));
        long listed = groups.values().stream().mapToLong(Long::longValue).sum();
        groups.put(UNLISTED, after.processNanos() - before.processNanos() - listed);
        return groups;
    }

    /**
     * Waits until this process has used less than 0.15 of a core for two seconds in a row (at most 60 s), so that
     * what a warm-up or the run before left behind (compilation, messages still on their way, a checkpoint) is not
     * measured as part of the next run. The wait is printed and added up.
     */
    private static void settle() throws InterruptedException {
        long begun = System.nanoTime();
        long deadline = begun + TimeUnit.SECONDS.toNanos(60);
        long cpu = processCpuNanos();
        long at = begun;
        int quietSeconds = 0;
        while (quietSeconds < 2 && System.nanoTime() < deadline) {
            Thread.sleep(1_000);
            long cpuNow = processCpuNanos();
            long now = System.nanoTime();
            quietSeconds = (cpuNow - cpu) / (double) (now - at) < 0.15 ? quietSeconds + 1 : 0;
            cpu = cpuNow;
            at = now;
        }
        double waited = (System.nanoTime() - begun) / 1e9;
        System.out.printf("settled in %.1f s%s%n", waited, quietSeconds < 2 ? " (still busy after 60 s)" : "");
    }

    /** {@code --name value} pairs. */
    private static Map<String, String> flags(String[] args) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            flags.put(args[i].substring(2), args[i + 1]);
        }
        return flags;
    }

    /**
     * DetectLabels then RecognizeCelebrities on images {@code from} to {@code to} (exclusive), as the reader calls
     * them, from two threads, after {@code warmUps} unmeasured images; returns the seconds taken.
     */
    private static double bare(LocalRuntime runtime, List<byte[]> photos, int from, int to, int warmUps)
            throws Exception {
        try (RekognitionClient rekognition = RekognitionClient.builder().region(Region.of(runtime.region()))
                .endpointOverride(runtime.edgeEndpoint())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("b", "b")))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofMinutes(2)).build())
                .build()) {
            ExecutorService clients = Executors.newFixedThreadPool(2);
            AtomicInteger next = new AtomicInteger(from);
            // warm-up outside the measurement: the first calls load and JIT the models
            for (int w = 0; w < Math.max(1, warmUps); w++) {
                Image warm = Image.builder().bytes(SdkBytes.fromByteArray(unique(photos.get(w % photos.size()),
                        "warm-" + from + "-" + w))).build();
                rekognition.detectLabels(b -> b.image(warm));
                rekognition.recognizeCelebrities(b -> b.image(warm));
            }
            settle();
            long started = System.nanoTime();
            long gcStarted = gcMillis();
            long jitStarted = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
            CpuSnapshot cpuStarted = CpuSnapshot.now();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                        Image image = Image.builder().bytes(SdkBytes.fromByteArray(
                                unique(photos.get(i % photos.size()), "bare-" + i))).build();
                        rekognition.detectLabels(b -> b.image(image).minConfidence(55f));
                        rekognition.recognizeCelebrities(b -> b.image(image));
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            CpuSnapshot cpuEnded = CpuSnapshot.now();
            long cpu = cpuEnded.processNanos() - cpuStarted.processNanos();
            bareCpuNanos += cpu;
            int images = to - from;
            System.out.printf("bare images %d-%d: %.2f images/s, CPU %.3f s, garbage collection pauses %.3f s and JIT"
                            + " compilation %.3f s per image%n", from, to, images / seconds, cpu / 1e9 / images,
                    (gcMillis() - gcStarted) / 1e3 / images,
                    (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitStarted) / 1e3 / images);
            cpuByThreadGroup(cpuStarted, cpuEnded).forEach((group, nanos) ->
                    bareCpuByThreads.merge(group, nanos, Long::sum));
            clients.shutdown();
            return seconds;
        }
    }

    private record Result(double perSecond, double[] latenciesSeconds, double[] startsSeconds, int notified,
                          Map<String, Integer> catalogued, Map<String, Integer> expected, long throttled) {
        double percentile(int p) {
            return PipelineBenchmark.percentile(latenciesSeconds, p);
        }
    }

    /** A new queue subscribed to the tenant's notifications through its own API, as a tenant would; its URL. */
    private static String subscribedQueue(PipelineClient client, TestAwsClients aws, String tenant, String key) {
        String queue = aws.sqs().createQueue(b -> b.queueName("bench-notifications-" + tenant)).queueUrl();
        String arn = aws.sqs().getQueueAttributes(b -> b.queueUrl(queue)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        // as in AWS, SNS delivers only to a queue whose policy lets the topic send to it
        QueueAccess.allowTopics(aws.sqs(), queue, "arn:aws:sns:*");
        client.subscribe(tenant, key, "{\"protocol\":\"sqs\",\"endpoint\":\"" + arn + "\"}");
        return queue;
    }

    private static Result pipeline(LocalRuntime runtime, TestAwsClients aws, List<byte[]> photos, int uploads,
                                   int tenantCount, int uploadThreads, double rate) throws Exception {
        PipelineClient client = new PipelineClient(runtime.apiEndpoint(), runtime.adminKey());
        List<String> tenants = new ArrayList<>();
        Map<String, String> keys = new LinkedHashMap<>();
        Map<String, String> queues = new LinkedHashMap<>();
        for (int t = 1; t <= tenantCount; t++) {
            String tenant = "bench-" + t;
            tenants.add(tenant);
            keys.put(tenant, client.createTenant(tenant));
            queues.put(tenant, subscribedQueue(client, aws, tenant, keys.get(tenant)));
        }
        settle();
        Map<String, Long> uploadedAt = new ConcurrentHashMap<>();
        Map<String, Long> notifiedAt = new ConcurrentHashMap<>();
        ExecutorService receivers = Executors.newFixedThreadPool(tenantCount);
        long deadline = System.currentTimeMillis() + Duration.ofMinutes(Math.max(10, uploads / 20)).toMillis();
        AtomicInteger uploaded = new AtomicInteger();
        for (String queue : queues.values()) {
            receivers.submit(() -> {
                while (System.currentTimeMillis() < deadline
                        && (uploaded.get() < uploads || notifiedAt.size() < uploads)) {
                    // A notification's time is when SNS delivered it to the subscriber's queue (SentTimestamp), so
                    // the subscriber can fetch once a second, ten at a time, rather than spend a receive and a
                    // delete per image on the cores the pipeline it measures runs on.
                    List<Message> messages = aws.sqs().receiveMessage(b -> b.queueUrl(queue).waitTimeSeconds(0)
                            .maxNumberOfMessages(10)
                            .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP)).messages();
                    for (Message m : messages) {
                        Matcher id = IMAGE_ID.matcher(m.body());
                        if (id.find()) {
                            notifiedAt.putIfAbsent(id.group(1),
                                    Long.parseLong(m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP)));
                        }
                    }
                    if (!messages.isEmpty()) {
                        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
                        for (int i = 0; i < messages.size(); i++) {
                            entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                                    .receiptHandle(messages.get(i).receiptHandle()).build());
                        }
                        aws.sqs().deleteMessageBatch(b -> b.queueUrl(queue).entries(entries));
                    }
                    if (messages.size() < 10) {
                        Thread.sleep(1_000);
                    }
                }
                return null;
            });
        }
        ExecutorService uploaders = Executors.newFixedThreadPool(uploadThreads);
        AtomicInteger next = new AtomicInteger();
        long started = System.nanoTime();
        long startedMillis = System.currentTimeMillis();
        long gcStarted = gcMillis();
        long jitStarted = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        CpuSnapshot cpuStarted = CpuSnapshot.now();
        long throttledBefore = client.throttledAnswers();
        List<Future<?>> running = new ArrayList<>();
        for (int u = 0; u < uploadThreads; u++) {
            running.add(uploaders.submit(() -> {
                for (int i = next.getAndIncrement(); i < uploads; i = next.getAndIncrement()) {
                    String tenant = tenants.get(i % tenantCount);
                    byte[] image = unique(photos.get(i % photos.size()), "pipe-" + i);
                    if (rate > 0) {
                        long due = started + (long) (i / rate * 1e9);
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                    long at = System.currentTimeMillis();
                    String id = client.upload(tenant, keys.get(tenant), "photo-" + i + ".jpg", image, "image/jpeg");
                    uploadedAt.put(id, at);
                    uploaded.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        uploaders.shutdown();
        // stop waiting when no notification has come for two minutes: something is broken, and the figures printed
        // below (notified fewer than uploaded) say so sooner than the overall deadline would
        int seen = -1;
        long lastProgress = System.currentTimeMillis();
        while (notifiedAt.keySet().containsAll(uploadedAt.keySet()) == false
                && System.currentTimeMillis() < deadline) {
            if (notifiedAt.size() != seen) {
                seen = notifiedAt.size();
                lastProgress = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastProgress > 120_000) {
                System.out.printf("no notification for 120 s with %d of %d notified; stopped waiting%n", seen,
                        uploadedAt.size());
                break;
            }
            Thread.sleep(200);
        }
        CpuSnapshot cpuEnded = CpuSnapshot.now();
        pipelineCpuNanos = cpuEnded.processNanos() - cpuStarted.processNanos();
        pipelineGcMillis = gcMillis() - gcStarted;
        pipelineJitMillis = ManagementFactory.getCompilationMXBean().getTotalCompilationTime()
                - jitStarted;
        pipelineCpuByThreads = cpuByThreadGroup(cpuStarted, cpuEnded);
        receivers.shutdown();
        receivers.awaitTermination(30, TimeUnit.SECONDS);
        long last = notifiedAt.values().stream().mapToLong(Long::longValue).max()
                .orElse(System.currentTimeMillis());
        double seconds = (last - startedMillis) / 1e3;
        double[] latencies = uploadedAt.entrySet().stream().filter(e -> notifiedAt.containsKey(e.getKey()))
                .mapToDouble(e -> (notifiedAt.get(e.getKey()) - e.getValue()) / 1e3).sorted().toArray();
        int notified = (int) uploadedAt.keySet().stream().filter(notifiedAt::containsKey).count();
        Map<String, Integer> catalogued = new LinkedHashMap<>();
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (int t = 0; t < tenantCount; t++) {
            String tenant = tenants.get(t);
            int share = uploads / tenantCount + (t < uploads % tenantCount ? 1 : 0);
            expected.put(tenant, share);
            catalogued.put(tenant, countImages(aws, tenant));
        }
        double[] starts = uploadedAt.values().stream().mapToDouble(at -> (at - startedMillis) / 1e3).sorted()
                .toArray();
        return new Result(notified / seconds, latencies, starts, notified, catalogued, expected,
                client.throttledAnswers() - throttledBefore);
    }

    /** The p-th percentile of ascending {@code sorted} values (nearest rank); NaN when there are none. */
    static double percentile(double[] sorted, int p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /**
     * The latencies, ascending, of an ideal pipeline that adds nothing to the analysis: images arriving at
     * {@code startsSeconds} (ascending) are served one after another, first come first served, each taking
     * {@code serviceSeconds} (one over the bare analyser's images/s, its two threads counted together). No pipeline
     * on the same machine and analyser does better on those arrivals, so when this is above a latency target the
     * target cannot be met by the pipeline, only by analysing faster or offering the images more slowly.
     */
    static double[] idealQueueLatencies(double[] startsSeconds, double serviceSeconds) {
        double[] latencies = new double[startsSeconds.length];
        double free = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < startsSeconds.length; i++) {
            double done = Math.max(startsSeconds[i], free) + serviceSeconds;
            latencies[i] = done - startsSeconds[i];
            free = done;
        }
        Arrays.sort(latencies);
        return latencies;
    }

    private static int countImages(TestAwsClients aws, String tenant) {
        int count = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            var page = aws.dynamoDb().query(b -> b.tableName("emotion-analyser-local-images")
                    .keyConditionExpression("tenantId = :t").select(Select.COUNT)
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(tenant)))
                    .exclusiveStartKey(from));
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    /** The photo set: face-api's group photos as they are, or the astronaut portrait as a 350 px JPEG. */
    static List<byte[]> photos(String set) throws IOException {
        if (set.equals("group")) {
            List<byte[]> photos = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                photos.add(Files.readAllBytes(PipelineClient.photo("sample" + i + ".jpg")));
            }
            return photos;
        }
        if (set.equals("small")) {
            BufferedImage source = ImageIO.read(PipelineClient.photo("astronaut.png").toFile());
            BufferedImage small = new BufferedImage(350, 350, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = small.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(source, 0, 0, 350, 350, null);
            g.dispose();
            ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
            ImageIO.write(small, "jpeg", jpeg);
            return List.of(jpeg.toByteArray());
        }
        throw new IllegalArgumentException("--photos must be group or small, not " + set);
    }

    /** The JPEG with a comment segment right after its start marker: the same picture, other bytes. */
    static byte[] unique(byte[] jpeg, String marker) {
        byte[] text = marker.getBytes(StandardCharsets.US_ASCII);
        int length = text.length + 2;
        byte[] out = new byte[jpeg.length + 4 + text.length];
        out[0] = jpeg[0];
        out[1] = jpeg[1];
        out[2] = (byte) 0xff;
        out[3] = (byte) 0xfe;
        out[4] = (byte) (length >> 8);
        out[5] = (byte) length;
        System.arraycopy(text, 0, out, 6, text.length);
        System.arraycopy(jpeg, 2, out, 6 + text.length, jpeg.length - 2);
        return out;
    }

    /** VmHWM from /proc: the most resident memory this process has had. */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary directory; the OS cleans it up eventually
        }
    }
}
