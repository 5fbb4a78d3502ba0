package org.emotionanalyser.local.runtime.lambda;

import org.emotionanalyser.local.runtime.testfunctions.EchoHandler;
import org.emotionanalyser.local.runtime.testfunctions.FlakyConsumerHandler;
import org.emotionanalyser.local.runtime.testfunctions.MisbehavingHandler;
import org.emotionanalyser.local.runtime.testfunctions.RecordingReaderHandler;
import org.emotionanalyser.local.runtime.testfunctions.TestFunctionCalls;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalFunctionTest {

    @BeforeEach
    void reset() {
        TestFunctionCalls.reset();
    }

    @Test
    void load_whenHandlerHasMapConstructor_expectInstantiatedOnceWithTheEnvironment() {
        load(RecordingReaderHandler.class.getName(), Map.of("UPLOAD_BUCKET", "b", "AWS_REGION", "us-east-1"));

        assertThat(TestFunctionCalls.ENVIRONMENTS.get(RecordingReaderHandler.class.getName()))
                .containsEntry("UPLOAD_BUCKET", "b").containsEntry("AWS_REGION", "us-east-1");
    }

    @Test
    void invoke_whenS3EventWithEncodedKey_expectHandlerSeesTheDecodedKey() {
        LocalFunction reader = load(RecordingReaderHandler.class.getName(), Map.of());

        String result = reader.invoke(fixture("events/s3-object-created.json"));

        assertThat(result).isNull();
        assertThat(TestFunctionCalls.READER_KEYS).containsExactly("uploads/acme/my party (1).jpg");
    }

    @Test
    void invoke_whenSqsBatchHasPoison_expectBatchItemFailuresInTheJsonResult() {
        LocalFunction consumer = load(FlakyConsumerHandler.class.getName(), Map.of());

        String result = consumer.invoke("{\"Records\":[{\"messageId\":\"m1\",\"body\":\"ok\"},"
                + "{\"messageId\":\"m2\",\"body\":\"poison\"}]}");

        assertThat(result).contains("\"itemIdentifier\":\"m2\"").doesNotContain("m1");
    }

    @Test
    void invoke_whenHandlerThrows_expectFunctionErrorWithItsMessage() {
        LocalFunction reader = load(RecordingReaderHandler.class.getName(), Map.of());

        assertThatThrownBy(() -> reader.invoke(fixture("events/s3-object-created.json")
                .replace("my+party", "fail")))
                .isInstanceOf(FunctionInvocationException.class)
                .satisfies(e -> {
                    FunctionInvocationException error = (FunctionInvocationException) e;
                    assertThat(error.errorType()).isEqualTo(IllegalArgumentException.class.getName());
                    assertThat(error.errorMessage()).startsWith("cannot read uploads/acme/fail");
                });
    }

    @Test
    void invoke_whenProxyHandler_expectContextNamesTheFunction() {
        LocalFunction echo = load(EchoHandler.class.getName(), Map.of());

        String result = echo.invoke("{\"path\":\"/x\",\"requestContext\":{},\"body\":\"hi\"}");

        assertThat(result).contains("\\\"functionName\\\":\\\"test-function\\\"");
    }

    @Test
    void load_whenClassMissing_expectInitErrorNamingIt() {
        assertThatThrownBy(() -> load("org.example.Missing", Map.of()))
                .isInstanceOf(FunctionInitException.class)
                .hasMessageContaining("org.example.Missing");
    }

    @Test
    void invoke_whenHandlerRunsPastItsTimeout_expectTimeoutReportedAndTheNextInvocationRuns() {
        MisbehavingHandler.reset();
        LocalFunction slow = LocalFunction.load(definition(MisbehavingHandler.class.getName(), 1, null), Map.of(),
                getClass().getClassLoader());
        long started = System.nanoTime();

        assertThatThrownBy(() -> slow.invoke("{\"do\":\"sleep\",\"millis\":30000}"))
                .isInstanceOf(FunctionInvocationException.class)
                .satisfies(e -> {
                    FunctionInvocationException error = (FunctionInvocationException) e;
                    assertThat(error.timedOut()).isTrue();
                    assertThat(error.errorType()).isEqualTo("Sandbox.Timedout");
                    assertThat(error.errorMessage()).isEqualTo("Task timed out after 1.00 seconds");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(slow.invoke("{\"do\":\"nothing\"}")).isEqualTo("\"ok\"");
        slow.close();
    }

    @Test
    void invoke_whenHandlerRunsOutOfMemory_expectThatInvocationFailsAndTheNextOneRunsOnAFreshInstance() {
        MisbehavingHandler.reset();
        // A generous timeout: a full GC before the OutOfMemoryError can take seconds on a busy machine.
        LocalFunction function = LocalFunction.load(definition(MisbehavingHandler.class.getName(), 120, null),
                Map.of(), getClass().getClassLoader());

        assertThatThrownBy(() -> function.invoke("{\"do\":\"oom\"}"))
                .isInstanceOf(FunctionInvocationException.class)
                .satisfies(e -> assertThat(((FunctionInvocationException) e).errorType())
                        .isEqualTo(OutOfMemoryError.class.getName()));
        assertThat(function.invoke("{\"do\":\"nothing\"}")).isEqualTo("\"ok\"");
        assertThat(MisbehavingHandler.INSTANCES.get()).as("the environment that ran out of memory was replaced")
                .isEqualTo(2);
        function.close();
    }

    @Test
    void invoke_whenReservedConcurrencyIsThree_expectThreeAtOnceEachOnItsOwnInstance() throws Exception {
        MisbehavingHandler.reset();
        LocalFunction function = LocalFunction.load(definition(MisbehavingHandler.class.getName(), 120, 3),
                Map.of(), getClass().getClassLoader(), 1);
        ExecutorService callers = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(callers.submit(() -> function.invoke("{\"do\":\"sleep\",\"millis\":400}")));
            }
            for (Future<String> call : calls) {
                assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo("\"ok\"");
            }
        } finally {
            callers.shutdownNow();
            function.close();
        }

        assertThat(function.concurrency()).isEqualTo(3);
        assertThat(MisbehavingHandler.MOST_AT_ONCE.get()).isEqualTo(3);
        assertThat(MisbehavingHandler.INSTANCES.get()).isEqualTo(3);
    }

    private static FunctionDefinition definition(String handlerClass, int timeoutSeconds, Integer reserved) {
        return new FunctionDefinition("TestFunction", "test-function",
                "arn:aws:lambda:us-east-1:000000000000:function:test-function", handlerClass, "handleRequest",
                Map.of(), timeoutSeconds, reserved);
    }

    static LocalFunction load(String handlerClass, Map<String, String> env) {
        return LocalFunction.load(new FunctionDefinition("TestFunction", "test-function",
                "arn:aws:lambda:us-east-1:000000000000:function:test-function", handlerClass, "handleRequest",
                Map.of(), 10), env, LocalFunctionTest.class.getClassLoader());
    }

    static String fixture(String name) {
        try (InputStream in = LocalFunctionTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
