package org.emotionanalyser.local.runtime;

import org.emotionanalyser.local.runtime.lambda.FunctionDefinition;
import org.emotionanalyser.lambdasupport.aws.AwsClientSettings;
import software.amazon.awssdk.core.sync.RequestBody;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark main, not a test: the cold start of the reader and the tenant consumer, each in a fresh JVM whose
 * class path is the function's Lambda jar, against a running local stack (real S3 object, local analyser,
 * EventBridge, DynamoDB Local, SNS), and the Lambda jar sizes. Each handler runs {@code --runs} times (default 3)
 * with the JVM's defaults and with {@code -XX:TieredStopAtLevel=1} (C1 only, the flag AWS suggests for Java cold
 * starts), medians printed. {@link ColdStartProbe} does the runtime's part in the child JVM.
 */
public final class ColdStartBenchmark {

    private static final Pattern PHASES = Pattern.compile("COLD (.*)");
    private static final String TENANT = "cold-start";

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length >= 2 && args[0].equals("--runs") ? Integer.parseInt(args[1]) : 3;
        Path readerJar = lambdaJar(Path.of("../../ingest/target"));
        Path consumerJar = lambdaJar(Path.of("../../tenants/target"));
        String serialization = Arrays.stream(Files.readString(Path.of("target/bench.classpath")).trim().split(":"))
                .filter(p -> p.contains("aws-lambda-java-serialization")).findFirst().orElseThrow();
        Path work = Files.createTempDirectory("cold-start-benchmark");
        LocalRuntimeOptions options = LocalPipelineIntegrationTest.projectStack(work.resolve("data"), false);
        try (LocalRuntime runtime = LocalRuntime.start(options);
             TestAwsClients aws = new TestAwsClients(runtime)) {
            PipelineClient client = new PipelineClient(runtime.apiEndpoint(), runtime.adminKey());
            String key = client.createTenant(TENANT);
            // one upload through the whole pipeline first: the stack is provisioned and warm
            String imageId = client.upload(TENANT, key, PipelineClient.photo("sample1.jpg"));
            client.awaitAnalysed(TENANT, key, imageId, Duration.ofMinutes(5));
            byte[] photo = Files.readAllBytes(PipelineClient.photo("sample1.jpg"));

            FunctionDefinition reader = function(runtime, "ReaderFunction");
            FunctionDefinition consumer = function(runtime, "TenantConsumerFunction");
            Path readerEnv = environment(work.resolve("reader.properties"), reader, runtime);
            Path consumerEnv = environment(work.resolve("consumer.properties"), consumer, runtime);
            String bucket = reader.environment().get("UPLOAD_BUCKET");

            System.out.printf("| handler | JVM flags | JVM to main (ms) | init (ms) | first invocation (ms) | "
                    + "cold total (ms) | warm invocation (ms) |%n|---|---|---|---|---|---|---|%n");
            for (String flags : List.of("", "-XX:TieredStopAtLevel=1")) {
                List<Map<String, Long>> readerRuns = new ArrayList<>();
                List<Map<String, Long>> consumerRuns = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    String objectKey = "uploads/" + TENANT + "/probe-" + UUID.randomUUID() + ".jpg";
                    aws.s3().putObject(b -> b.bucket(bucket).key(objectKey).contentType("image/jpeg"),
                            RequestBody.fromBytes(photo));
                    Path s3Event = Files.writeString(work.resolve("s3-event.json"), s3Event(bucket, objectKey,
                            photo.length, runtime.region()));
                    readerRuns.add(probe(readerJar, serialization, reader.handlerClass(), s3Event, readerEnv, flags));
                    Path sqsEvent = Files.writeString(work.resolve("sqs-event.json"), sqsEvent(runtime.region()));
                    consumerRuns.add(probe(consumerJar, serialization, consumer.handlerClass(), sqsEvent,
                            consumerEnv, flags));
                }
                row("reader", flags, readerRuns);
                row("tenant consumer", flags, consumerRuns);
            }
            System.out.printf("%nLambda jars: %s %.1f MB, %s %.1f MB%n", readerJar.getFileName(),
                    Files.size(readerJar) / 1e6, consumerJar.getFileName(), Files.size(consumerJar) / 1e6);
        } finally {
            PipelineBenchmark.deleteQuietly(work);
        }
        System.exit(0);
    }

    private static Path lambdaJar(Path target) throws IOException {
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-lambda.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Lambda jar in " + target
                            + "; build with mvn -pl local/runtime -am package -DskipTests"));
        }
    }

    private static FunctionDefinition function(LocalRuntime runtime, String logicalId) {
        return runtime.stack().functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + logicalId + " in the template"));
    }

    /** The function's template environment pointed at the local stack, as the local runtime gives it. */
    private static Path environment(Path file, FunctionDefinition function, LocalRuntime runtime) throws IOException {
        Properties env = new Properties();
        env.putAll(function.environment());
        env.put(AwsClientSettings.REGION, runtime.region());
        env.put(AwsClientSettings.ENDPOINT_URL, runtime.edgeEndpoint().toString());
        env.put(AwsClientSettings.ACCESS_KEY_ID, "local");
        env.put(AwsClientSettings.SECRET_ACCESS_KEY, "local");
        env.put("ANALYZER_NAME", "local");
        try (var out = Files.newOutputStream(file)) {
            env.store(out, null);
        }
        return file;
    }

    private static Map<String, Long> probe(Path jar, String serialization, String handler, Path event, Path env,
                                           String flags) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g"));
        if (!flags.isEmpty()) {
            command.add(flags);
        }
        command.addAll(List.of("-cp", jar + ":" + serialization + ":target/test-classes",
                ColdStartProbe.class.getName(), handler, event.toString(), env.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(handler + " probe failed:\n" + output);
        }
        Matcher phases = PHASES.matcher(output);
        if (!phases.find()) {
            throw new IllegalStateException(handler + " probe printed no timings:\n" + output);
        }
        Map<String, Long> values = new LinkedHashMap<>();
        for (String pair : phases.group(1).trim().split(" ")) {
            String[] kv = pair.split("=");
            values.put(kv[0], Long.parseLong(kv[1]));
        }
        return values;
    }

    private static void row(String name, String flags, List<Map<String, Long>> runs) {
        System.out.printf("| %s | %s | %d | %d | %d | %d | %d |%n", name, flags.isEmpty() ? "defaults" : flags,
                median(runs, "jvm-to-main"), median(runs, "init"), median(runs, "first-invocation"),
                median(runs, "total"), median(runs, "warm-invocation"));
    }

    private static long median(List<Map<String, Long>> runs, String phase) {
        long[] values = runs.stream().mapToLong(r -> r.get(phase)).sorted().toArray();
        return values[values.length / 2];
    }

    private static String s3Event(String bucket, String key, long size, String region) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"%s",
                "eventTime":"2026-12-02T21:00:00.000Z","eventName":"ObjectCreated:Put",
                "userIdentity":{"principalId":"local"},"requestParameters":{"sourceIPAddress":"127.0.0.1"},
                "responseElements":{"x-amz-request-id":"probe","x-amz-id-2":"probe"},
                "s3":{"s3SchemaVersion":"1.0","configurationId":"probe",
                "bucket":{"name":"%s","ownerIdentity":{"principalId":"local"},"arn":"arn:aws:s3:::%s"},
                "object":{"key":"%s","size":%d,"eTag":"%s","sequencer":"0"}}}]}
                """.formatted(region, bucket, bucket, key, size, UUID.randomUUID().toString().replace("-", ""));
    }

    /** The tenants module's SQS fixture for an ImageAnalyzed event, re-addressed to this tenant with a new id. */
    private static String sqsEvent(String region) throws IOException {
        String fixture = Files.readString(Path.of("../../tenants/src/test/resources/events/sqs-image-analyzed.json"));
        return fixture.replace("3f2a9c4e8b7d4a1f9e0c6b5a4d3c2b1a", UUID.randomUUID().toString().replace("-", ""))
                .replace("arn:aws:sqs:eu-west-1:123456789012:emotion-analyser-test-tenant-acme",
                        "arn:aws:sqs:" + region + ":000000000000:emotion-analyser-local-tenant_" + TENANT)
                .replace("\\\"tenantId\\\":\\\"acme\\\"", "\\\"tenantId\\\":\\\"" + TENANT + "\\\"")
                .replace("uploads/acme/", "uploads/" + TENANT + "/");
    }
}
