package io.billkit.bootstrap.metrics;

import io.billkit.application.port.out.provider.PaymentProvider;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Objects;

/**
 * A {@link PaymentProvider} that counts every call by operation (the port method's name, a fixed set) and outcome
 * ({@code billkit_provider_calls_total}): a dynamic proxy, so the count covers every method of the port, present
 * and future, without a hand-written delegate per method.
 */
public final class MeteredPaymentProvider {
    private MeteredPaymentProvider() {
    }

    public static PaymentProvider wrap(PaymentProvider delegate, BusinessMetrics metrics) {
        Objects.requireNonNull(delegate, "delegate");
        Objects.requireNonNull(metrics, "metrics");
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(delegate, proxy, method, args);
            }
            try {
                Object result = method.invoke(delegate, args);
                metrics.providerCall(method.getName(), false);
                return result;
            } catch (InvocationTargetException e) {
                metrics.providerCall(method.getName(), true);
                throw e.getCause();
            }
        };
        return (PaymentProvider) Proxy.newProxyInstance(PaymentProvider.class.getClassLoader(),
                new Class<?>[] {PaymentProvider.class}, handler);
    }

    private static Object objectMethod(PaymentProvider delegate, Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "metered " + delegate;
        };
    }
}
