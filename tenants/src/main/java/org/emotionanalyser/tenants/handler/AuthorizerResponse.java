package org.emotionanalyser.tenants.handler;

import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import java.util.Map;

/**
 * A Lambda authorizer's answer in the shape API Gateway reads: {@code principalId}, {@code policyDocument},
 * {@code context} and {@code usageIdentifierKey}, the usage-plan key API Gateway counts the request under when the
 * API's key source is {@code AUTHORIZER}. {@link IamPolicyResponse} has no such field, so this type carries its
 * policy document and adds the key; the Lambda runtime serialises it by its getters:
 *
 * <pre>{"principalId": "acme", "policyDocument": {"Version": "2012-10-17", "Statement": [{"Action":
 * "execute-api:Invoke", "Effect": "Allow", "Resource": ["arn:...:api/stage/*"]}]}, "context": {"role": "tenant",
 * "tenantId": "acme"}, "usageIdentifierKey": "..."}</pre>
 */
public final class AuthorizerResponse {

    private final IamPolicyResponse policy;
    private final String usageIdentifierKey;

    public AuthorizerResponse(IamPolicyResponse policy, String usageIdentifierKey) {
        this.policy = policy;
        this.usageIdentifierKey = usageIdentifierKey;
    }

    public String getPrincipalId() {
        return policy.getPrincipalId();
    }

    /** {@code Version} and {@code Statement}: each statement's {@code Action}, {@code Effect}, {@code Resource}. */
    public Map<String, Object> getPolicyDocument() {
        return policy.getPolicyDocument();
    }

    public Map<String, Object> getContext() {
        return policy.getContext();
    }

    /** The caller's usage-plan key value: API Gateway throttles the request against that key's plan. */
    public String getUsageIdentifierKey() {
        return usageIdentifierKey;
    }

    /** Leaves the usage key's value out of logs. */
    @Override
    public String toString() {
        return "AuthorizerResponse[principalId=" + getPrincipalId() + ", context=" + getContext() + "]";
    }
}
