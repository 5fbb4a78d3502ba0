package org.emotionanalyser.local.analyser.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgeGenderTest {

    @Test
    void fromModel_whenTheAgeDistributionIsPeaked_givesANarrowRangeAroundThePeak() {
        float[] ages = new float[100];
        ages[39] = 0.1f;
        ages[40] = 0.8f;
        ages[41] = 0.1f;

        AgeGender estimate = AgeGender.fromModel(ages, 0.9);

        assertThat(estimate.ageLow()).isEqualTo(40);
        assertThat(estimate.ageHigh()).isEqualTo(40);
    }

    @Test
    void fromModel_whenTheModelIsUnsureOfTheAge_givesAWideRangeRatherThanAFalselyPreciseOne() {
        float[] ages = new float[100];
        ages[20] = 0.3f;
        ages[40] = 0.4f;
        ages[60] = 0.3f;

        AgeGender estimate = AgeGender.fromModel(ages, 0.9);

        // 30% of the probability lies at 20 and at 60 each, more than the 20% the central 60% leaves out per side
        assertThat(estimate.ageLow()).isEqualTo(20);
        assertThat(estimate.ageHigh()).isEqualTo(60);
    }

    @Test
    void fromModel_whenTheDistributionIsNotNormalised_usesItsShapeOnly() {
        float[] ages = new float[100];
        ages[30] = 3f;
        ages[50] = 3f;
        // half the mass at each end: the 20th percentile is 30, the 80th is 50

        AgeGender estimate = AgeGender.fromModel(ages, 0.5);

        assertThat(estimate.ageLow()).isEqualTo(30);
        assertThat(estimate.ageHigh()).isEqualTo(50);
    }

    @Test
    void fromModel_whenTheGenderScoreIsAboveHalf_saysMaleWithThatProbabilityAsConfidence() {
        AgeGender estimate = AgeGender.fromModel(new float[] {1}, 0.8);

        assertThat(estimate.gender()).isEqualTo(AgeGender.Gender.MALE);
        assertThat(estimate.gender().rekognitionValue()).isEqualTo("Male");
        assertThat(estimate.genderConfidence()).isCloseTo(80, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void fromModel_whenTheGenderScoreIsHalfOrLess_saysFemaleWithTheComplementAsConfidence() {
        AgeGender estimate = AgeGender.fromModel(new float[] {1}, 0.3);

        assertThat(estimate.gender()).isEqualTo(AgeGender.Gender.FEMALE);
        assertThat(estimate.gender().rekognitionValue()).isEqualTo("Female");
        assertThat(estimate.genderConfidence()).isCloseTo(70, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void constructor_whenTheRangeIsReversed_refusesIt() {
        assertThatThrownBy(() -> new AgeGender(40, 30, AgeGender.Gender.MALE, 90))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
