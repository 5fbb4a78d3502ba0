package org.emotionanalyser.tenants.handler;

import java.lang.reflect.Proxy;

/** A port implementation that fails the test when any method is called: proof a request never reached a store. */
final class Untouchable {

    private Untouchable() {
    }

    @SuppressWarnings("unchecked")
    static <T> T of(Class<T> port) {
        return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> "Untouchable " + port.getSimpleName();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                };
            }
            throw new AssertionError(port.getSimpleName() + "." + method.getName()
                    + " was called, but the request should have been refused before touching any store");
        });
    }
}
