package org.emotionanalyser.local.runtime.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;

import java.util.List;
import java.util.Map;

/** {@code Bearer good} is allowed (tenant t1), {@code Bearer deny} explicitly denied, anything else Unauthorized. */
public final class TestAuthorizerHandler implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> {

    public TestAuthorizerHandler(Map<String, String> env) {
        TestFunctionCalls.ENVIRONMENTS.put(TestAuthorizerHandler.class.getName(), env);
    }

    @Override
    public IamPolicyResponse handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        String header = event.getHeaders() == null ? null : event.getHeaders().get("Authorization");
        if ("Bearer good".equals(header)) {
            return policy(IamPolicyResponse.allowStatement(event.getMethodArn()),
                    Map.of("role", "tenant", "tenantId", "t1"));
        }
        if ("Bearer deny".equals(header)) {
            return policy(IamPolicyResponse.denyStatement(event.getMethodArn()), Map.of());
        }
        throw new IllegalStateException("Unauthorized");
    }

    private static IamPolicyResponse policy(IamPolicyResponse.Statement statement, Map<String, Object> context) {
        return IamPolicyResponse.builder().withPrincipalId("caller")
                .withPolicyDocument(IamPolicyResponse.PolicyDocument.builder()
                        .withVersion(IamPolicyResponse.VERSION_2012_10_17)
                        .withStatement(List.of(statement)).build())
                .withContext(context).build();
    }
}
