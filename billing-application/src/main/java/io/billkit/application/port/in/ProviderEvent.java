package io.billkit.application.port.in;

import io.billkit.application.port.out.provider.ProviderSubscriptionStatus;
import io.billkit.domain.money.Money;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An event from the payment provider, translated by its adapter (Stripe webhooks, the mock) into one of a closed
 * family of typed events: the application never sees the provider's event-type or status words. Ids inside are the
 * provider's own ({@code in_...}, {@code sub_...}, {@code cus_...}); {@link #providerCustomer()} is the customer the
 * event names, when it names one.
 */
public sealed interface ProviderEvent {

    /**
     * What every event has.
     *
     * @param id        the provider's event id (deduplication key)
     * @param createdAt when the provider created the event (orders events: an older event never rolls state back
     *                  past a newer one)
     * @param objectId  the provider's id of the object the event is about
     */
    record Meta(String id, Instant createdAt, String objectId) {
        public Meta {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(createdAt, "createdAt");
            Objects.requireNonNull(objectId, "objectId");
        }
    }

    Meta meta();

    /** The provider's id of the customer the event names, if it names one. */
    Optional<String> providerCustomer();

    default String id() {
        return meta().id();
    }

    default Instant createdAt() {
        return meta().createdAt();
    }

    default String objectId() {
        return meta().objectId();
    }

    /** The event's kind as BillKit names it in the inbox and the audit: the record's name, e.g. {@code InvoicePaid}. */
    default String kind() {
        return getClass().getSimpleName();
    }

    /** An invoice was paid. */
    record InvoicePaid(Meta meta, String invoice, Optional<String> providerCustomer) implements ProviderEvent {
        public InvoicePaid {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(invoice, "invoice");
            Objects.requireNonNull(providerCustomer, "providerCustomer");
        }
    }

    /**
     * A payment of an invoice failed.
     *
     * @param attemptCount the provider's count of attempts so far, when it says (Stripe: {@code attempt_count})
     */
    record PaymentFailed(Meta meta, String invoice, Optional<String> providerCustomer, OptionalInt attemptCount)
            implements ProviderEvent {
        public PaymentFailed {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(invoice, "invoice");
            Objects.requireNonNull(providerCustomer, "providerCustomer");
            Objects.requireNonNull(attemptCount, "attemptCount");
        }
    }

    /** An invoice was created or finalized at the provider: nothing to change, but its event cursor moves. */
    record InvoiceSynced(Meta meta, String invoice, Optional<String> providerCustomer) implements ProviderEvent {
        public InvoiceSynced {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(invoice, "invoice");
            Objects.requireNonNull(providerCustomer, "providerCustomer");
        }
    }

    /**
     * A subscription was created or changed at the provider.
     *
     * @param status            its status now ({@link ProviderSubscriptionStatus#OTHER} when the provider's is not one
     *                          BillKit acts on)
     * @param cancelAtPeriodEnd whether a cancellation at period end is scheduled; empty when the event does not say
     */
    record SubscriptionChanged(Meta meta, String subscription, Optional<String> providerCustomer,
                               ProviderSubscriptionStatus status, Optional<Boolean> cancelAtPeriodEnd)
            implements ProviderEvent {
        public SubscriptionChanged {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(subscription, "subscription");
            Objects.requireNonNull(providerCustomer, "providerCustomer");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(cancelAtPeriodEnd, "cancelAtPeriodEnd");
        }
    }

    /** A subscription ended at the provider (deleted: cancelled now). */
    record SubscriptionDeleted(Meta meta, String subscription, Optional<String> providerCustomer) implements ProviderEvent {
        public SubscriptionDeleted {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(subscription, "subscription");
            Objects.requireNonNull(providerCustomer, "providerCustomer");
        }
    }

    /** A subscription's trial ends soon. */
    record TrialWillEnd(Meta meta, String subscription, Optional<String> providerCustomer) implements ProviderEvent {
        public TrialWillEnd {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(subscription, "subscription");
            Objects.requireNonNull(providerCustomer, "providerCustomer");
        }
    }

    /** What a hosted checkout sold. */
    enum CheckoutMode { SUBSCRIPTION, PAYMENT, SETUP, OTHER }

    /**
     * A hosted checkout was completed.
     *
     * @param plan          the BillKit plan code a subscription checkout named
     * @param subscription  the provider's subscription a subscription checkout started
     * @param creditProduct the BillKit credit product a payment checkout sold
     */
    record CheckoutCompleted(Meta meta, Optional<String> providerCustomer, CheckoutMode mode, Optional<String> plan,
                             Optional<String> subscription, Optional<String> creditProduct) implements ProviderEvent {
        public CheckoutCompleted {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(providerCustomer, "providerCustomer");
            Objects.requireNonNull(mode, "mode");
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(subscription, "subscription");
            Objects.requireNonNull(creditProduct, "creditProduct");
        }
    }

    /** A customer's name or e-mail changed at the provider (e.g. in the hosted portal). */
    record CustomerUpdated(Meta meta, String customer, Optional<String> name, Optional<String> email)
            implements ProviderEvent {
        public CustomerUpdated {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(email, "email");
        }

        @Override
        public Optional<String> providerCustomer() {
            return Optional.of(customer);
        }
    }

    /** How a payment ended. */
    enum PaymentOutcome { SUCCEEDED, FAILED }

    /**
     * A payment (not tied to BillKit's invoice state: a card payment, e.g. of a credit-pack checkout) succeeded or
     * failed.
     *
     * @param outcome       whether the payment went through
     * @param amount        the amount of the payment, when the event says
     * @param creditProduct the BillKit credit product the payment is for, when it is for one
     */
    record PaymentSettled(Meta meta, Optional<String> providerCustomer, PaymentOutcome outcome, Optional<Money> amount,
                          Optional<String> creditProduct) implements ProviderEvent {
        public PaymentSettled {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(providerCustomer, "providerCustomer");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(creditProduct, "creditProduct");
        }
    }

    /**
     * A charge was refunded at the provider (in part or whole; {@code objectId} is the charge). A refund of a BillKit
     * invoice's payment made outside BillKit (e.g. in Stripe's dashboard) gets its credit note once per refund id; a
     * refund BillKit made itself (its {@code creditNote} named) is recognised and changes nothing.
     *
     * @param amount  the charge's refunded amount so far, when the event says
     * @param invoice the provider's invoice the charge paid, when the event says
     * @param refunds the charge's refunds the event lists (may be empty)
     */
    record ChargeRefunded(Meta meta, Optional<String> providerCustomer, Optional<Money> amount, Optional<String> invoice,
                          List<Refund> refunds) implements ProviderEvent {
        public ChargeRefunded {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(providerCustomer, "providerCustomer");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(invoice, "invoice");
            refunds = List.copyOf(Objects.requireNonNull(refunds, "refunds"));
        }

        /** A refund without invoice or refund list (recorded only). */
        public ChargeRefunded(Meta meta, Optional<String> providerCustomer, Optional<Money> amount) {
            this(meta, providerCustomer, amount, Optional.empty(), List.of());
        }
    }

    /**
     * One refund of a charge: the provider's refund id, its amount, and the BillKit credit note it was made for
     * (from its metadata) when BillKit made it.
     */
    record Refund(String id, Money amount, Optional<String> creditNote) {
        public Refund {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(amount, "amount");
            Objects.requireNonNull(creditNote, "creditNote");
        }
    }

    /** An event BillKit does not act on: recorded as received, nothing changes. */
    record NotActedOn(Meta meta, Optional<String> providerCustomer) implements ProviderEvent {
        public NotActedOn {
            Objects.requireNonNull(meta, "meta");
            Objects.requireNonNull(providerCustomer, "providerCustomer");
        }
    }
}
