package org.emotionanalyser.router.domain;

/**
 * A face or person box as ratios of the image's width and height, exactly as Rekognition reports it.
 */
public record BoundingBox(double left, double top, double width, double height) {

    /** Intersection over union with another box; 0 when they do not overlap. */
    public double intersectionOverUnion(BoundingBox other) {
        double x1 = Math.max(left, other.left);
        double y1 = Math.max(top, other.top);
        double x2 = Math.min(left + width, other.left + other.width);
        double y2 = Math.min(top + height, other.top + other.height);
        double intersection = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
        double union = width * height + other.width * other.height - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
