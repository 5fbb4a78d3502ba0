package org.emotionanalyser.local.runtime.cloudformation;

/**
 * The values of CloudFormation's pseudo parameters ({@code AWS::Region}, {@code AWS::AccountId}, ...) for a
 * local stack.
 */
public record PseudoParameters(String region, String accountId, String stackName) {

    /** Local stacks always live in the standard partition. */
    public static final String PARTITION = "aws";
    public static final String URL_SUFFIX = "amazonaws.com";

    Object value(String name) {
        return switch (name) {
            case "AWS::Region" -> region;
            case "AWS::AccountId" -> accountId;
            case "AWS::StackName" -> stackName;
            case "AWS::StackId" -> "arn:aws:cloudformation:" + region + ":" + accountId + ":stack/" + stackName
                    + "/00000000-0000-0000-0000-000000000000";
            case "AWS::Partition" -> PARTITION;
            case "AWS::URLSuffix" -> URL_SUFFIX;
            case "AWS::NotificationARNs" -> java.util.List.of();
            default -> null;
        };
    }
}
