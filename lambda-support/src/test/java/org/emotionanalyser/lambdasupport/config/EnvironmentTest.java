package org.emotionanalyser.lambdasupport.config;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnvironmentTest {

    @Test
    void required_whenUnsetOrBlank_failsNamingTheVariableAndTheFix() {
        Environment env = Environment.of(Map.of("TABLE", "  "));

        assertThatThrownBy(() -> env.required("TABLE", "the table name"))
                .isInstanceOf(IllegalStateException.class).hasMessage("TABLE is not set; set it to the table name");
    }

    @Test
    void optional_whenSetWithSpaces_isTrimmed() {
        assertThat(Environment.of(Map.of("BUS", " bus ")).optional("BUS")).contains("bus");
    }

    @Test
    void number_whenOutOfRangeOrNotANumber_failsWithTheAcceptedValues() {
        Environment env = Environment.of(Map.of("HIGH", "101", "TEXT", "half", "NAN", "NaN"));

        for (String name : new String[]{"HIGH", "TEXT", "NAN"}) {
            assertThatThrownBy(() -> env.number(name, 50, 0, 100, "a confidence from 0 to 100"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage(name + " must be a confidence from 0 to 100");
        }
        assertThat(env.number("UNSET", 50, 0, 100, "a confidence")).isEqualTo(50);
    }

    @Test
    void wholeNumber_whenBelowTheMinimum_fails() {
        Environment env = Environment.of(Map.of("COUNT", "0"));

        assertThatThrownBy(() -> env.wholeNumber("COUNT", 5, 1, 1000, "a count from 1 to 1000"))
                .hasMessageContaining("COUNT must be a count from 1 to 1000");
    }

    @Test
    void of_whenTheMapHoldsNullValues_treatsThemAsUnset() {
        Map<String, String> variables = new HashMap<>();
        variables.put("BUS", null);

        assertThat(Environment.of(variables).optional("BUS")).isEmpty();
    }
}
