package org.emotionanalyser.local.runtime.cloudformation;

import java.util.List;
import java.util.Map;

/**
 * Creates one AWS service's resource types in its local service, as LocalStack's
 * {@code resource_providers/aws_<service>_<type>.py} do: each service package owns one. {@link StackProvisioner}
 * orders the resources and resolves their values; the provisioner only creates, and answers {@code Ref} and
 * {@code Fn::GetAtt} for its types.
 */
public interface ResourceProvisioner {

    /**
     * The resource types this provisioner creates, each with the properties it reads (only these are resolved, so
     * cloud-only properties such as {@code Code} or {@code Role} never need to resolve locally).
     */
    Map<String, List<String>> propertiesUsed();

    /**
     * Creates the resource, or records the wiring it stands for; what already exists is left as it is.
     *
     * @param properties the resource's {@link #propertiesUsed() used} properties, resolved
     */
    void provision(TemplateResource resource, Map<String, Object> properties, StackContext stack);

    /** What {@code Ref} returns for the resource, or {@code null} when the type is not this service's. */
    Object ref(TemplateResource resource, StackContext stack);

    /** What {@code Fn::GetAtt} returns, or {@code null} when this service does not know the attribute. */
    Object getAtt(TemplateResource resource, String attribute, StackContext stack);
}
