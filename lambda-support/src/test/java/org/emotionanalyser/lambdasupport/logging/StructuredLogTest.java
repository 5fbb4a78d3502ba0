package org.emotionanalyser.lambdasupport.logging;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StructuredLogTest {

    @Test
    void toJson_whenFieldsAreAdded_writesOneJsonObjectWithTheMessageFirstAndNullsLeftOut() {
        String json = StructuredLog.of(StructuredLogTest.class).info("image processed")
                .with("bucket", "images").with("tenantId", null).with("calls", Map.of("DetectFaces", 1))
                .with("millis", 12L).toJson();

        assertThat(json).isEqualTo(
                "{\"message\":\"image processed\",\"bucket\":\"images\",\"calls\":{\"DetectFaces\":1},\"millis\":12}");
    }
}
