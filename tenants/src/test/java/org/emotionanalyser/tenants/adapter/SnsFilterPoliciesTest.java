package org.emotionanalyser.tenants.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.emotionanalyser.router.domain.Emotion;
import org.emotionanalyser.tenants.domain.SubscriptionFilter;
import org.junit.jupiter.api.Test;

class SnsFilterPoliciesTest {

    @Test
    void toJson_whenNoFilter_isEmptySoSnsDeliversEverything() {
        assertThat(SnsFilterPolicies.toJson(SubscriptionFilter.none())).isEmpty();
    }

    @Test
    void toJson_whenEmotions_matchesEmotionAttributeInEnumOrder() {
        SubscriptionFilter filter = new SubscriptionFilter(Set.of(Emotion.SAD, Emotion.HAPPY), false, null);

        assertThat(SnsFilterPolicies.toJson(filter)).hasValue("{\"emotion\":[\"HAPPY\",\"SAD\"]}");
    }

    @Test
    void toJson_whenCelebritiesOnly_requiresCelebrityAttributeToExist() {
        SubscriptionFilter filter = new SubscriptionFilter(Set.of(), true, null);

        assertThat(SnsFilterPolicies.toJson(filter)).hasValue("{\"celebrity\":[{\"exists\":true}]}");
    }

    @Test
    void toJson_whenMinFaces_comparesFaceCountNumerically() {
        SubscriptionFilter filter = new SubscriptionFilter(Set.of(), false, 3);

        assertThat(SnsFilterPolicies.toJson(filter)).hasValue("{\"faceCount\":[{\"numeric\":[\">=\",3]}]}");
    }

    @Test
    void toJson_whenAllOptions_combinesThemSoAllMustHold() {
        SubscriptionFilter filter = new SubscriptionFilter(Set.of(Emotion.FEAR), true, 2);

        assertThat(SnsFilterPolicies.toJson(filter)).hasValue("{\"emotion\":[\"FEAR\"],"
                + "\"celebrity\":[{\"exists\":true}],\"faceCount\":[{\"numeric\":[\">=\",2]}]}");
    }

    @Test
    void fromJson_whenPolicyWrittenByToJson_readsSameFilterBack() {
        SubscriptionFilter filter = new SubscriptionFilter(Set.of(Emotion.CALM, Emotion.ANGRY), true, 5);

        assertThat(SnsFilterPolicies.fromJson(SnsFilterPolicies.toJson(filter).orElseThrow())).isEqualTo(filter);
        assertThat(SnsFilterPolicies.fromJson(null)).isEqualTo(SubscriptionFilter.none());
        assertThat(SnsFilterPolicies.fromJson("not json")).isEqualTo(SubscriptionFilter.none());
    }
}
