package org.emotionanalyser.local.runtime.cloudformation;

import java.util.Locale;

/** What a {@link ResourceProvisioner} may ask of the stack being provisioned. */
public interface StackContext {

    PseudoParameters pseudo();

    /** The evaluator bound to the stack, for resolving raw template values. */
    TemplateEvaluator evaluator();

    /** A resource of the template, by logical id. */
    TemplateResource resource(String logicalId);

    /** Creates the resource now if it is not yet (for values, such as a queue URL, that only exist once created). */
    void ensure(String logicalId);

    /**
     * The name a resource is given: its {@code nameProperty} when set, or {@code <stack>-<LogicalId>} as
     * CloudFormation would (deterministic here, unlike CloudFormation, so a restart finds the same resources).
     */
    default String name(TemplateResource resource, String nameProperty) {
        Object value = resource.properties().get(nameProperty);
        if (value != null) {
            return evaluator().resolveString(value, resource.logicalId() + "." + nameProperty);
        }
        return pseudo().stackName() + "-" + resource.logicalId();
    }

    /** {@code arn:aws:<service>:<region>:<account>:<resource>}. */
    default String arn(String service, String resource) {
        return "arn:" + PseudoParameters.PARTITION + ":" + service + ":" + pseudo().region() + ":"
                + pseudo().accountId() + ":" + resource;
    }

    /** The physical id of resources that have no name of their own (REST APIs, resources, authorizers). */
    static String localId(String logicalId) {
        return logicalId.toLowerCase(Locale.ROOT);
    }
}
