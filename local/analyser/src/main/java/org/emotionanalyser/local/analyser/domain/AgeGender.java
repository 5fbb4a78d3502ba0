package org.emotionanalyser.local.analyser.domain;

import java.util.Objects;

/**
 * A face's apparent age range and gender as a model estimates them, in Rekognition's terms ({@code AgeRange} with
 * {@code Low}/{@code High} in years, {@code Gender} with {@code Value} and {@code Confidence} 0..100).
 *
 * <p>The age range is the central {@link #AGE_RANGE_MASS} of the model's age distribution (from its 10th to its
 * 90th percentile): a model unsure of the age gives a wide range instead of a falsely precise one. The gender
 * confidence is the model's probability of the gender it names, times 100.
 *
 * @param ageLow           lowest estimated age, years
 * @param ageHigh          highest estimated age, years, at least {@code ageLow}
 * @param gender           the more probable of the two
 * @param genderConfidence probability of {@code gender}, 50..100
 */
public record AgeGender(int ageLow, int ageHigh, Gender gender, double genderConfidence) {

    /** Share of the age distribution's probability the range covers. */
    public static final double AGE_RANGE_MASS = 0.6;

    /** Rekognition's two gender values. */
    public enum Gender {
        MALE("Male"), FEMALE("Female");

        private final String rekognitionValue;

        Gender(String rekognitionValue) {
            this.rekognitionValue = rekognitionValue;
        }

        /** The value as Rekognition writes it. */
        public String rekognitionValue() {
            return rekognitionValue;
        }
    }

    public AgeGender {
        Objects.requireNonNull(gender, "gender");
        if (ageLow < 0 || ageHigh < ageLow) {
            throw new IllegalArgumentException("age range " + ageLow + ".." + ageHigh + " is not a range of ages");
        }
        if (genderConfidence < 50 || genderConfidence > 100) {
            throw new IllegalArgumentException("gender confidence " + genderConfidence + " is outside 50..100");
        }
    }

    /**
     * The estimate from a model's raw outputs.
     *
     * @param ageProbabilities probability of each age in years, index = age (sums to about 1)
     * @param maleProbability  probability the face is male, 0..1
     */
    public static AgeGender fromModel(float[] ageProbabilities, double maleProbability) {
        if (ageProbabilities.length == 0) {
            throw new IllegalArgumentException("the age distribution is empty");
        }
        double total = 0;
        for (float p : ageProbabilities) {
            total += Math.max(0, p);
        }
        double tail = (1 - AGE_RANGE_MASS) / 2;
        int low = percentile(ageProbabilities, total, tail);
        int high = percentile(ageProbabilities, total, 1 - tail);
        double male = Math.min(1, Math.max(0, maleProbability));
        Gender gender = male > 0.5 ? Gender.MALE : Gender.FEMALE;
        return new AgeGender(low, high, gender, 100 * Math.max(male, 1 - male));
    }

    /** The smallest age whose cumulative probability reaches {@code share} of {@code total}. */
    private static int percentile(float[] probabilities, double total, double share) {
        double cumulative = 0;
        for (int age = 0; age < probabilities.length; age++) {
            cumulative += Math.max(0, probabilities[age]);
            if (cumulative >= share * total) {
                return age;
            }
        }
        return probabilities.length - 1;
    }
}
