package org.emotionanalyser.local.runtime.lambda;

import org.emotionanalyser.local.runtime.testfunctions.RecordingReaderHandler;
import org.emotionanalyser.local.runtime.testfunctions.TestFunctionCalls;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class AsyncInvokerTest {

    @TempDir
    Path dataDir;

    @BeforeEach
    void reset() {
        TestFunctionCalls.reset();
    }

    @Test
    void submit_whenFunctionKeepsFailing_expectTwoRetriesThenOneFailureRecord() throws IOException {
        FunctionRegistry functions = new FunctionRegistry(List.of(
                LocalFunctionTest.load(RecordingReaderHandler.class.getName(), Map.of())));
        String event = LocalFunctionTest.fixture("events/s3-object-created.json").replace("my+party", "fail");

        try (AsyncInvoker invoker = new AsyncInvoker(functions, Map.of(), dataDir,
                List.of(Duration.ofMillis(10), Duration.ofMillis(10)), null, null)) {
            invoker.submit("test-function", event);
            awaitEmptyQueue();
        }

        assertThat(TestFunctionCalls.READER_KEYS).hasSize(3);
        List<String> failures = Files.readAllLines(dataDir.resolve("failed-invocations.jsonl"));
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0)).contains("\"attempts\":3").contains("cannot read uploads/acme/fail")
                .contains("test-function");
    }

    @Test
    void submit_whenRetriesConfiguredZero_expectSingleAttempt() throws IOException {
        FunctionRegistry functions = new FunctionRegistry(List.of(
                LocalFunctionTest.load(RecordingReaderHandler.class.getName(), Map.of())));
        String event = LocalFunctionTest.fixture("events/s3-object-created.json").replace("my+party", "fail");

        try (AsyncInvoker invoker = new AsyncInvoker(functions,
                Map.of("test-function", new AsyncInvokeConfig("test-function", 0, null)), dataDir,
                List.of(Duration.ofMillis(10), Duration.ofMillis(10)), null, null)) {
            invoker.submit("test-function", event);
            awaitEmptyQueue();
        }

        assertThat(TestFunctionCalls.READER_KEYS).hasSize(1);
    }

    @Test
    void resumePending_whenPreviousRunLeftEvents_expectThemInvoked() throws IOException {
        FunctionRegistry functions = new FunctionRegistry(List.of(
                LocalFunctionTest.load(RecordingReaderHandler.class.getName(), Map.of())));
        Files.createDirectories(dataDir.resolve("async-queue"));
        String event = LocalFunctionTest.fixture("events/s3-object-created.json");
        Files.writeString(dataDir.resolve("async-queue/1-left.json"),
                "{\"function\":\"test-function\",\"attempts\":0,\"event\":"
                        + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(event) + "}");

        try (AsyncInvoker invoker = new AsyncInvoker(functions, Map.of(), dataDir, List.of(), null, null)) {
            invoker.resumePending();
            awaitEmptyQueue();
        }

        assertThat(TestFunctionCalls.READER_KEYS).containsExactly("uploads/acme/my party (1).jpg");
    }

    private void awaitEmptyQueue() throws IOException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (Stream<Path> files = Files.list(dataDir.resolve("async-queue"))) {
                if (files.findAny().isEmpty()) {
                    return;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("queued invocations did not finish within 10 s");
    }
}
