package org.emotionanalyser.local.analyser.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each converted model must give what TensorFlow.js gives on the same input. The fixtures were made by
 * {@code src/build/make-reference.js} with the TFJS CPU backend.
 */
class OnnxModelConversionTest {

    private static final double TOLERANCE = 1e-3;

    @ParameterizedTest
    @ValueSource(strings = {"blazeface", "emotion", "faceres", "centernet"})
    void run_whenGivenTheReferenceInput_matchesTensorFlowJsWithinTolerance(String model) throws IOException {
        JsonNode fixture = fixture(model);
        JsonNode input = fixture.path("input");
        long[] shape = new long[input.path("shape").size()];
        int size = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = input.path("shape").get(i).asLong();
            size *= (int) shape[i];
        }
        float low = (float) input.path("low").asDouble();
        float high = (float) input.path("high").asDouble();
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            // same integer pattern as make-reference.js
            values[i] = low + (high - low) * (((i * 7919L) % 1009) / 1008f);
        }
        List<String> outputs = new ArrayList<>();
        fixture.path("outputs").fieldNames().forEachRemaining(outputs::add);

        Map<String, OnnxModel.Output> results;
        try (OnnxModel onnx = OnnxModel.fromClasspath(model, outputs)) {
            results = onnx.run(values, shape);
        }

        for (String output : outputs) {
            JsonNode expected = fixture.path("outputs").path(output);
            float[] actual = results.get(output).values();
            assertThat(actual).as(output + " length").hasSize(expected.path("length").asInt());
            int stride = expected.path("stride").asInt();
            double maxDifference = 0;
            for (int i = 0; i < expected.path("values").size(); i++) {
                maxDifference = Math.max(maxDifference, Math.abs(actual[i * stride] - expected.path("values").get(i).asDouble()));
            }
            assertThat(maxDifference).as(model + " " + output + " max abs difference").isLessThanOrEqualTo(TOLERANCE);
        }
    }

    private static JsonNode fixture(String model) throws IOException {
        try (InputStream in = OnnxModelConversionTest.class.getResourceAsStream("/reference/" + model + ".json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}
