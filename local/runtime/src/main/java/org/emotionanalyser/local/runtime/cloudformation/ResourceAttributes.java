package org.emotionanalyser.local.runtime.cloudformation;

/** Answers {@code Ref} and {@code Fn::GetAtt} for resources, creating them first when the value needs that. */
public interface ResourceAttributes {

    /** What {@code Ref} returns for the resource (a name, a URL or an ARN depending on its type). */
    Object ref(String logicalId);

    /** What {@code Fn::GetAtt} returns for the resource's attribute. */
    Object getAtt(String logicalId, String attribute);
}
