package io.billkit.application.service;

import io.billkit.application.port.in.ProviderEvent.CheckoutCompleted;
import io.billkit.application.port.in.ProviderEvent.CheckoutMode;
import io.billkit.application.port.in.provider.ProviderEventResult;
import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.CreditProduct;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.credit.CreditGrant;
import io.billkit.domain.credit.CreditGrantId;
import io.billkit.domain.credit.CreditLedger;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.subscription.SubscriptionId;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link CheckoutCompleted}: a subscription checkout starts the local subscription (unless the provider's
 * subscription is already known or the customer has a live one); a payment checkout of a credit product grants its
 * PURCHASED credits once per session.
 */
final class CheckoutCompletedHandler implements ProviderEventHandler<CheckoutCompleted> {
    private final ProviderObjects objects;
    private final CreditLedgerStore ledgers;
    private final Catalog catalog;
    private final Outbox outbox;
    private final SubscriptionOpener opener;

    CheckoutCompletedHandler(ProviderObjects objects, CreditLedgerStore ledgers, Catalog catalog, Outbox outbox,
                             SubscriptionOpener opener) {
        this.objects = objects;
        this.ledgers = ledgers;
        this.catalog = catalog;
        this.outbox = outbox;
        this.opener = opener;
    }

    @Override
    public Outcome apply(CheckoutCompleted event, Instant now) {
        Optional<Customer> customer = objects.customer(event.providerCustomer()).flatMap(objects.customers::find);
        if (customer.isEmpty()) {
            return Outcome.of(ProviderEventResult.IGNORED, Optional.empty(), "unknown customer");
        }
        if (event.mode() == CheckoutMode.SUBSCRIPTION) {
            return subscription(event, customer.get(), now);
        }
        if (event.mode() == CheckoutMode.PAYMENT && event.creditProduct().isPresent()) {
            return creditPack(event, customer.get(), event.creditProduct().get(), now);
        }
        return Outcome.of(ProviderEventResult.IGNORED, Optional.of(customer.get().id()),
                "checkout mode " + event.mode() + " not handled");
    }

    private Outcome subscription(CheckoutCompleted event, Customer customer, Instant now) {
        Optional<CustomerId> customerId = Optional.of(customer.id());
        Optional<Plan> plan = event.plan().flatMap(this::plan);
        if (plan.isEmpty() || event.subscription().isEmpty()) {
            return Outcome.of(ProviderEventResult.IGNORED, customerId, "checkout without a known plan or subscription");
        }
        String providerSubscription = event.subscription().get();
        if (objects.references.localId(ProviderObjects.SUBSCRIPTION_REF, providerSubscription).isPresent()) {
            return Outcome.of(ProviderEventResult.IGNORED, customerId, "subscription already known");
        }
        Optional<Subscription> live = objects.subscriptions.findLive(customer.id());
        if (live.isPresent()) {
            return Outcome.of(ProviderEventResult.IGNORED, customerId,
                    "customer already has a live subscription " + live.get().id());
        }
        SubscriptionId id = SubscriptionId.of("sub_" + DerivedIds.hash("checkout", providerSubscription));
        Subscription started = Subscription.start(id, customer.id(), plan.get(), now, customer.timeZone());
        opener.open(started, plan.get(), providerSubscription, HandleProviderEventService.PROVIDER,
                "checkout " + event.objectId());
        return Outcome.of(ProviderEventResult.APPLIED, customerId, "subscribed").with("subscription", id.value());
    }

    private Optional<Plan> plan(String code) {
        try {
            return catalog.plan(PlanCode.of(code));
        } catch (BillingException e) {
            return Optional.empty();
        }
    }

    private Outcome creditPack(CheckoutCompleted event, Customer customer, String productCode, Instant now) {
        Optional<CustomerId> customerId = Optional.of(customer.id());
        Optional<CreditProduct> product = catalog.creditProducts().stream()
                .filter(p -> p.code().equals(productCode)).findFirst();
        if (product.isEmpty()) {
            return Outcome.of(ProviderEventResult.IGNORED, customerId, "unknown credit product " + productCode);
        }
        CreditGrantId grantId = CreditGrantId.of("checkout_" + DerivedIds.hash(event.objectId()));
        CreditLedger ledger = ledgers.load(customer.id());
        if (ledger.grant(grantId).isPresent()) {
            return Outcome.of(ProviderEventResult.IGNORED, customerId, "credits of this checkout already granted");
        }
        CreditGrant grant = CreditGrant.purchased(grantId, customer.id(), product.get(), now, "checkout " + event.objectId());
        ledgers.apply(ledger.version(), ledger.grant(grant));
        Map<String, String> details = new HashMap<>();
        details.put("grant", grantId.value());
        details.put("product", productCode);
        details.put("credits", product.get().credits().toPlainString());
        OutboxEvents.append(outbox, "credits.purchased", grantId.value(), customer.id(), details, now);
        return Outcome.applied(customer.id(), details);
    }
}
