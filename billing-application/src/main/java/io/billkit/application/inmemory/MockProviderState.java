package io.billkit.application.inmemory;

import io.billkit.application.port.in.ProviderEvent;
import io.billkit.application.port.out.provider.ProviderCustomer;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the mock provider's role classes share: the call log, Stripe-like idempotency, the next failure, ids, the
 * customers and the event listener. Every role class synchronizes on this object; events are emitted outside it.
 */
final class MockProviderState {

    final Clock clock;
    final Map<String, ProviderCustomer> customers = new LinkedHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final List<MockPaymentProvider.Call> calls = new ArrayList<>();
    private final Map<String, Object> byIdempotencyKey = new HashMap<>();
    private volatile Consumer<ProviderEvent> listener = event -> { };
    private MockPaymentProvider.Failure nextFailure;
    private final Map<String, MockPaymentProvider.Failure> nextFailureOf = new HashMap<>();
    private int paymentsToDecline;

    MockProviderState(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void listener(Consumer<ProviderEvent> eventListener) {
        this.listener = Objects.requireNonNull(eventListener, "eventListener");
    }

    /** Hands {@code event} to the listener; call it outside {@code synchronized (state)}. */
    void emit(ProviderEvent event) {
        listener.accept(event);
    }

    void failNext(MockPaymentProvider.Failure failure) {
        this.nextFailure = Objects.requireNonNull(failure, "failure");
    }

    void failNext(String method, MockPaymentProvider.Failure failure) {
        nextFailureOf.put(Objects.requireNonNull(method, "method"), Objects.requireNonNull(failure, "failure"));
    }

    void declinePayments(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative but was " + count);
        }
        this.paymentsToDecline = count;
    }

    /** Inside an invoice payment: declines it (PAYMENT_FAILED) while payments are left to decline. */
    void declinePaymentIfTold() {
        if (paymentsToDecline > 0) {
            paymentsToDecline--;
            throw new BillingException(ErrorCode.PAYMENT_FAILED, "card declined (mock)");
        }
    }

    List<MockPaymentProvider.Call> calls() {
        return List.copyOf(calls);
    }

    boolean seen(String idempotencyKey) {
        return byIdempotencyKey.containsKey(idempotencyKey);
    }

    /** Records the call; a known key returns the first result, else the action runs (unless told to fail). */
    @SuppressWarnings("unchecked")
    <T> T idempotent(String method, String idempotencyKey, List<String> arguments, Supplier<T> action) {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        calls.add(new MockPaymentProvider.Call(method, idempotencyKey, List.copyOf(arguments)));
        Object earlier = byIdempotencyKey.get(idempotencyKey);
        if (earlier != null) {
            return (T) earlier;
        }
        MockPaymentProvider.Failure ofMethod = nextFailureOf.remove(method);
        if (ofMethod != null) {
            fail(ofMethod);
        }
        failIfTold();
        T result = action.get();
        byIdempotencyKey.put(idempotencyKey, result);
        return result;
    }

    void record(String method, String idempotencyKey, String... arguments) {
        calls.add(new MockPaymentProvider.Call(method, idempotencyKey, List.of(arguments)));
    }

    void failIfTold() {
        MockPaymentProvider.Failure failure = nextFailure;
        nextFailure = null;
        fail(failure);
    }

    private static void fail(MockPaymentProvider.Failure failure) {
        if (failure == MockPaymentProvider.Failure.CARD_DECLINED) {
            throw new BillingException(ErrorCode.PAYMENT_FAILED, "card declined (mock)");
        }
        if (failure == MockPaymentProvider.Failure.TIMEOUT) {
            throw new BillingException(ErrorCode.PROVIDER_UNAVAILABLE, "payment provider timed out (mock)");
        }
    }

    String id(String prefix) {
        return prefix + "_mock" + sequence.incrementAndGet();
    }

    long lastSequence() {
        return sequence.get();
    }

    /** The header of a provider event about {@code objectId}, created now with a fresh id. */
    ProviderEvent.Meta meta(String objectId) {
        return new ProviderEvent.Meta(id("evt"), clock.instant(), objectId);
    }

    ProviderCustomer requireCustomer(String customerId) {
        return require(customers.get(customerId), "customer", customerId);
    }

    static <T> T require(T value, String what, String id) {
        if (value == null) {
            throw new BillingException(ErrorCode.NOT_FOUND, "no " + what + " '" + id + "' at the payment provider");
        }
        return value;
    }
}
