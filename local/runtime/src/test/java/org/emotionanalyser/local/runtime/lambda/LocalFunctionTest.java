package org.emotionanalyser.local.runtime.lambda;

import org.emotionanalyser.local.runtime.testfunctions.EchoHandler;
import org.emotionanalyser.local.runtime.testfunctions.FlakyConsumerHandler;
import org.emotionanalyser.local.runtime.testfunctions.RecordingReaderHandler;
import org.emotionanalyser.local.runtime.testfunctions.TestFunctionCalls;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

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
