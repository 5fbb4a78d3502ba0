package org.emotionanalyser.local.runtime.lambda;


import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The loaded functions of the local stack, found by name or ARN. */
public final class FunctionRegistry {

    private final Map<String, LocalFunction> byName = new LinkedHashMap<>();

    public FunctionRegistry(Collection<LocalFunction> functions) {
        functions.forEach(f -> byName.put(f.definition().name(), f));
    }

    /** The function of a name, full ARN or partial ARN. */
    public Optional<LocalFunction> find(String nameOrArn) {
        return Optional.ofNullable(byName.get(FunctionDefinition.functionName(nameOrArn)));
    }

    /**
     * @throws UnknownFunctionException when no function of the stack has that name
     */
    public LocalFunction require(String nameOrArn) {
        return find(nameOrArn).orElseThrow(() -> new UnknownFunctionException(nameOrArn, byName.keySet()));
    }

    public Collection<LocalFunction> all() {
        return byName.values();
    }
}
