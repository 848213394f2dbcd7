package io.billkit.application.service;

import io.billkit.application.contract.ConcurrentRunner;
import io.billkit.application.port.in.ProviderEvent;
import io.billkit.application.port.in.provider.ProviderEventResult;
import io.billkit.application.port.in.subscription.CheckoutKind;
import io.billkit.application.port.out.provider.ProviderSubscriptionStatus;
import io.billkit.application.port.in.subscription.CheckoutView;
import io.billkit.application.port.in.subscription.OpenCustomerPortalCommand;
import io.billkit.application.port.in.subscription.PortalView;
import io.billkit.application.port.in.subscription.StartCheckoutCommand;
import io.billkit.application.port.in.subscription.SubscriptionView;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.Invoice;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.invoice.InvoiceNumber;
import io.billkit.domain.invoice.InvoiceStatus;
import io.billkit.domain.money.Money;
import io.billkit.domain.subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProviderEventAndCheckoutTest {

    private static final InvoiceId INVOICE = InvoiceId.of("inv_march");
    private static final String PROVIDER_INVOICE = "in_stripe_1";

    private final AtomicInteger eventIds = new AtomicInteger();

    private static void assertCode(Throwable e, ErrorCode code) {
        assertThat(e).isInstanceOf(BillingException.class);
        assertThat(((BillingException) e).code()).isEqualTo(code);
    }

    /** A customer on apex Scale (no trial: ACTIVE) with an OPEN March invoice linked to the provider's invoice. */
    private static final class Billed {
        final SubscriptionFixture f = new SubscriptionFixture(SeedCatalogs.apex());
        final CustomerId customer = f.customer("cus_billed");
        final SubscriptionView subscription = f.subscribe(customer, "scale");

        Billed() {
            Invoice invoice = Invoice.draft(INVOICE, f.customers.find(customer).orElseThrow(), subscription.id(),
                            Money.currency("USD"), subscription.currentPeriodStart(), subscription.currentPeriodEnd())
                    .addLine(new InvoiceLine.BaseFeeLine("Scale", PlanCode.of("scale"), Money.of("1999.00", "USD")))
                    .finalize(InvoiceNumber.of(2026, 1), f.clock.instant(), ZoneOffset.UTC);
            f.invoices.insertIfAbsent(invoice);
            f.references.link("invoice", INVOICE.value(), PROVIDER_INVOICE);
            f.clock.advance(Duration.ofDays(1));
        }

        Invoice invoice() {
            return f.invoices.find(INVOICE).orElseThrow();
        }

        SubscriptionStatus status() {
            return f.subscriptions.find(subscription.id()).orElseThrow().status();
        }

        String providerSubscription() {
            return f.references.providerId("subscription", subscription.id().value()).orElseThrow();
        }
    }

    private ProviderEvent.Meta meta(Instant createdAt, String objectId) {
        return new ProviderEvent.Meta("evt_" + eventIds.incrementAndGet(), createdAt, objectId);
    }

    private ProviderEvent paid(Instant createdAt) {
        return new ProviderEvent.InvoicePaid(meta(createdAt, PROVIDER_INVOICE), PROVIDER_INVOICE, Optional.empty());
    }

    private ProviderEvent failed(Instant createdAt) {
        return failed(createdAt, OptionalInt.empty());
    }

    private ProviderEvent failed(Instant createdAt, OptionalInt attemptCount) {
        return new ProviderEvent.PaymentFailed(meta(createdAt, PROVIDER_INVOICE), PROVIDER_INVOICE, Optional.empty(),
                attemptCount);
    }

    private ProviderEvent subscriptionChanged(Instant createdAt, String sub, ProviderSubscriptionStatus status,
                                              Optional<Boolean> cancelAtPeriodEnd) {
        return new ProviderEvent.SubscriptionChanged(meta(createdAt, sub), sub, Optional.empty(), status, cancelAtPeriodEnd);
    }

    @Test
    void a_payment_delivered_twice_marks_the_invoice_paid_once() {
        Billed b = new Billed();
        ProviderEvent paid = paid(b.f.clock.instant());

        assertThat(b.f.providerEvents.handle(paid)).isEqualTo(ProviderEventResult.APPLIED);
        assertThat(b.f.providerEvents.handle(paid)).isEqualTo(ProviderEventResult.DUPLICATE);

        assertThat(b.invoice().status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(b.f.outboxOfType("invoice.paid")).hasSize(1);
        assertThat(b.f.auditOf(b.customer, "provider.event")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("result", "APPLIED").containsEntry("eventId", paid.id()));
    }

    @Test
    void ten_threads_delivering_the_same_event_have_one_effect() throws Exception {
        Billed b = new Billed();
        ProviderEvent failed = failed(b.f.clock.instant());

        List<ProviderEventResult> results = ConcurrentRunner.runConcurrently(10, () -> b.f.providerEvents.handle(failed));

        assertThat(results).filteredOn(r -> r == ProviderEventResult.APPLIED).hasSize(1);
        assertThat(results).filteredOn(r -> r == ProviderEventResult.DUPLICATE).hasSize(9);
        assertThat(b.f.outboxOfType("invoice.payment_failed")).singleElement()
                .satisfies(e -> assertThat(e.payload()).containsEntry("failedPayments", "1"));
        assertThat(b.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
    }

    @Test
    void failed_payments_are_counted_and_a_late_failure_after_payment_is_stale() {
        Billed b = new Billed();
        Instant t0 = b.f.clock.instant();

        assertThat(b.f.providerEvents.handle(failed(t0))).isEqualTo(ProviderEventResult.APPLIED);
        assertThat(b.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(b.f.providerEvents.handle(failed(t0.plusSeconds(3600))))
                .isEqualTo(ProviderEventResult.APPLIED);
        assertThat(b.f.outboxOfType("invoice.payment_failed")).extracting(e -> e.payload().get("failedPayments"))
                .containsExactly("1", "2");

        assertThat(b.f.providerEvents.handle(paid(t0.plusSeconds(7200))))
                .isEqualTo(ProviderEventResult.APPLIED);
        assertThat(b.invoice().status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(b.status()).isEqualTo(SubscriptionStatus.ACTIVE);

        ProviderEventResult late = b.f.providerEvents.handle(failed(t0.plusSeconds(5400)));
        assertThat(late).isEqualTo(ProviderEventResult.STALE);
        assertThat(b.invoice().status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(b.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(b.f.outboxOfType("invoice.payment_failed")).hasSize(2);
    }

    @Test
    void an_older_subscription_update_is_stale_and_deletion_cancels() {
        Billed b = new Billed();
        String sub = b.providerSubscription();
        Instant t0 = b.f.clock.instant();
        assertThat(b.f.providerEvents.handle(subscriptionChanged(t0.plusSeconds(60), sub, ProviderSubscriptionStatus.ACTIVE,
                Optional.of(true)))).isEqualTo(ProviderEventResult.APPLIED);
        assertThat(b.f.providerEvents.handle(subscriptionChanged(t0, sub, ProviderSubscriptionStatus.ACTIVE,
                Optional.of(false)))).isEqualTo(ProviderEventResult.STALE);
        assertThat(b.f.getSubscription.current(b.customer).orElseThrow().cancelAtPeriodEnd()).isTrue();

        assertThat(b.f.providerEvents.handle(new ProviderEvent.SubscriptionDeleted(meta(t0.plusSeconds(120), sub), sub,
                Optional.empty()))).isEqualTo(ProviderEventResult.APPLIED);
        assertThat(b.status()).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(b.f.outboxOfType("subscription.cancelled")).hasSize(1);
    }

    @Test
    void unknown_types_and_unknown_objects_are_ignored_but_audited() {
        Billed b = new Billed();
        Instant now = b.f.clock.instant();

        assertThat(b.f.providerEvents.handle(new ProviderEvent.NotActedOn(meta(now, "txi_1"), Optional.empty())))
                .isEqualTo(ProviderEventResult.IGNORED);
        assertThat(b.f.providerEvents.handle(new ProviderEvent.InvoicePaid(meta(now, "in_unknown"), "in_unknown",
                Optional.empty()))).isEqualTo(ProviderEventResult.IGNORED);
        assertThat(b.f.providerEvents.handle(new ProviderEvent.ChargeRefunded(meta(now, "ch_1"),
                Optional.of(b.f.providerCustomer(b.customer)), Optional.empty()))).isEqualTo(ProviderEventResult.IGNORED);
        assertThat(b.invoice().status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(b.f.auditOf(b.customer, "provider.event")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("type", "ChargeRefunded"));
        assertThat(b.f.auditLog.recent(java.util.Optional.empty(), 100)).filteredOn(e -> e.action().equals("provider.event"))
                .hasSize(3);
    }

    @Test
    void an_applied_event_is_marked_processed_and_an_ignored_or_failed_one_is_not() {
        Billed b = new Billed();
        ProviderEvent unknown = new ProviderEvent.InvoicePaid(meta(b.f.clock.instant(), "in_unknown"), "in_unknown",
                Optional.empty());
        ProviderEvent paid = paid(b.f.clock.instant());
        b.f.invoices.failNextUpdate();
        assertThatThrownBy(() -> b.f.providerEvents.handle(paid)).isInstanceOf(IllegalStateException.class);
        assertThat(b.f.inbox.isProcessed(paid.id())).isFalse();

        assertThat(b.f.providerEvents.handle(unknown)).isEqualTo(ProviderEventResult.IGNORED);
        assertThat(b.f.providerEvents.handle(paid)).isEqualTo(ProviderEventResult.APPLIED);

        assertThat(b.f.inbox.isProcessed(paid.id())).isTrue();
        assertThat(b.f.inbox.isProcessed(unknown.id())).isFalse();
        assertThat(b.f.providerEvents.handle(paid)).isEqualTo(ProviderEventResult.DUPLICATE);
        assertThat(b.f.inbox.isProcessed(paid.id())).isTrue();
    }

    @Test
    void an_effect_that_fails_rolls_back_the_inbox_mark_so_the_redelivery_applies() {
        Billed b = new Billed();
        ProviderEvent paid = paid(b.f.clock.instant());
        b.f.invoices.failNextUpdate();

        assertThatThrownBy(() -> b.f.providerEvents.handle(paid)).isInstanceOf(IllegalStateException.class);
        assertThat(b.invoice().status()).isEqualTo(InvoiceStatus.OPEN);

        assertThat(b.f.providerEvents.handle(paid)).isEqualTo(ProviderEventResult.APPLIED);
        assertThat(b.invoice().status()).isEqualTo(InvoiceStatus.PAID);
    }

    @Test
    void the_failed_payment_count_is_kept_as_state_and_takes_the_providers_attempt_count() {
        Billed b = new Billed();
        Instant t0 = b.f.clock.instant();
        // the audit log no longer holds the earlier failures: the count must not come from it
        for (int i = 0; i < 1_100; i++) {
            b.f.audit.record(SubscriptionFixture.ADMIN, "noise", b.customer, Map.of());
        }

        b.f.providerEvents.handle(failed(t0));
        for (int i = 0; i < 1_100; i++) {
            b.f.audit.record(SubscriptionFixture.ADMIN, "noise", b.customer, Map.of());
        }
        b.f.providerEvents.handle(failed(t0.plusSeconds(60)));
        b.f.providerEvents.handle(failed(t0.plusSeconds(120), OptionalInt.of(5)));

        assertThat(b.f.outboxOfType("invoice.payment_failed")).extracting(e -> e.payload().get("failedPayments"))
                .containsExactly("1", "2", "5");
        assertThat(b.f.paymentFailures.failures(INVOICE)).isEqualTo(5);
    }

    @Test
    void a_subscription_created_at_the_provider_syncs_a_linked_one_and_ignores_one_billkit_did_not_start() {
        Billed b = new Billed();
        Instant now = b.f.clock.instant();

        ProviderEvent linked = new ProviderEvent.SubscriptionChanged(meta(now, b.providerSubscription()),
                b.providerSubscription(), Optional.empty(), ProviderSubscriptionStatus.ACTIVE, Optional.of(false));
        ProviderEvent foreign = new ProviderEvent.SubscriptionChanged(meta(now, "sub_from_the_dashboard"),
                "sub_from_the_dashboard", Optional.of(b.f.providerCustomer(b.customer)), ProviderSubscriptionStatus.ACTIVE,
                Optional.of(false));

        assertThat(b.f.providerEvents.handle(linked)).isEqualTo(ProviderEventResult.APPLIED);
        assertThat(b.f.providerEvents.handle(foreign)).isEqualTo(ProviderEventResult.IGNORED);
        assertThat(b.f.subscriptions.findLive(b.customer)).map(s -> s.id()).contains(b.subscription.id());
    }

    @Test
    void a_past_due_status_from_the_provider_marks_the_subscription_past_due_and_canceled_cancels_it() {
        Billed b = new Billed();
        String sub = b.providerSubscription();
        Instant t0 = b.f.clock.instant();

        b.f.providerEvents.handle(subscriptionChanged(t0, sub, ProviderSubscriptionStatus.PAST_DUE, Optional.empty()));
        assertThat(b.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        b.f.providerEvents.handle(subscriptionChanged(t0.plusSeconds(1), sub, ProviderSubscriptionStatus.CANCELED,
                Optional.empty()));
        assertThat(b.status()).isEqualTo(SubscriptionStatus.CANCELLED);
    }

    @Test
    void payment_intents_become_outbox_events_for_known_customers_only() {
        Billed b = new Billed();
        Instant now = b.f.clock.instant();
        String cus = b.f.providerCustomer(b.customer);

        assertThat(b.f.providerEvents.handle(new ProviderEvent.PaymentSettled(meta(now, "pi_ok"), Optional.of(cus),
                ProviderEvent.PaymentOutcome.SUCCEEDED, Optional.of(Money.of("10.00", "USD")), Optional.of("pack_1k"))))
                .isEqualTo(ProviderEventResult.APPLIED);
        assertThat(b.f.providerEvents.handle(new ProviderEvent.PaymentSettled(meta(now, "pi_declined"), Optional.of(cus),
                ProviderEvent.PaymentOutcome.FAILED, Optional.empty(), Optional.empty())))
                .isEqualTo(ProviderEventResult.APPLIED);
        assertThat(b.f.providerEvents.handle(new ProviderEvent.PaymentSettled(meta(now, "pi_stranger"),
                Optional.of("cus_nobody"), ProviderEvent.PaymentOutcome.FAILED, Optional.empty(), Optional.empty())))
                .isEqualTo(ProviderEventResult.IGNORED);

        assertThat(b.f.outboxOfType("payment.succeeded")).singleElement().satisfies(e -> assertThat(e.payload())
                .containsEntry("amount", "10.00").containsEntry("currency", "USD").containsEntry("product", "pack_1k"));
        assertThat(b.f.outboxOfType("payment.failed")).singleElement()
                .satisfies(e -> assertThat(e.payload()).containsEntry("payment", "pi_declined"));
        assertThat(b.invoice().status()).isEqualTo(InvoiceStatus.OPEN);
    }

    @Test
    void a_customer_renamed_at_the_provider_is_renamed_locally_and_an_echo_changes_nothing() {
        Billed b = new Billed();
        Instant now = b.f.clock.instant();
        String cus = b.f.providerCustomer(b.customer);

        assertThat(b.f.providerEvents.handle(new ProviderEvent.CustomerUpdated(meta(now, cus), cus,
                Optional.of("Billed GmbH"), Optional.of("ap@billed.example")))).isEqualTo(ProviderEventResult.APPLIED);
        assertThat(b.f.providerEvents.handle(new ProviderEvent.CustomerUpdated(meta(now, cus), cus,
                Optional.of("Billed GmbH"), Optional.of("ap@billed.example")))).isEqualTo(ProviderEventResult.IGNORED);

        assertThat(b.f.customers.find(b.customer)).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("Billed GmbH");
            assertThat(c.email()).isEqualTo("ap@billed.example");
        });
    }

    @Test
    void a_completed_subscription_checkout_subscribes_once_with_the_plans_credits() {
        SubscriptionFixture f = new SubscriptionFixture(SeedCatalogs.credits());
        f.provider.onEvent(f.providerEvents::handle);
        CustomerId customer = f.customer("cus_checkout");

        CheckoutView checkout = f.checkout.start(new StartCheckoutCommand(customer, CheckoutKind.SUBSCRIPTION, "monthly",
                "https://app.example/ok", "https://app.example/cancel", SubscriptionFixture.ADMIN));
        assertThat(checkout.url()).contains(checkout.sessionId());
        f.provider.completeCheckout(checkout.sessionId());

        SubscriptionView view = f.getSubscription.current(customer).orElseThrow();
        assertThat(view.plan()).isEqualTo(PlanCode.of("monthly"));
        assertThat(view.status()).isEqualTo(SubscriptionStatus.TRIALING);
        assertThat(f.creditBalance.balance(customer).subscription()).isEqualByComparingTo("10000");
        assertThat(f.auditOf(customer, "checkout.started")).hasSize(1);
        assertThatThrownBy(() -> f.checkout.start(new StartCheckoutCommand(customer, CheckoutKind.SUBSCRIPTION, "annual",
                "https://app.example/ok", "https://app.example/cancel", SubscriptionFixture.ADMIN)))
                .satisfies(e -> assertCode(e, ErrorCode.CONFLICT));
    }

    @Test
    void a_completed_credit_pack_checkout_grants_its_credits_once_per_session() {
        SubscriptionFixture f = new SubscriptionFixture(SeedCatalogs.credits());
        f.provider.onEvent(f.providerEvents::handle);
        CustomerId customer = f.customer("cus_pack_checkout");

        CheckoutView checkout = f.checkout.start(new StartCheckoutCommand(customer, CheckoutKind.CREDIT_PACK, "pack_10k",
                "https://app.example/ok", "https://app.example/cancel", SubscriptionFixture.ADMIN));
        f.provider.completeCheckout(checkout.sessionId());
        f.provider.completeCheckout(checkout.sessionId());

        assertThat(f.creditBalance.balance(customer).purchased()).isEqualByComparingTo("10000");
        assertThat(f.outboxOfType("credits.purchased")).hasSize(1);
    }

    @Test
    void checkouts_need_a_known_plan_or_pack_and_the_portal_opens_for_known_customers() {
        Catalog catalog = SeedCatalogs.credits();
        SubscriptionFixture f = new SubscriptionFixture(catalog);
        CustomerId customer = f.customer("cus_portal");

        assertThatThrownBy(() -> f.checkout.start(new StartCheckoutCommand(customer, CheckoutKind.SUBSCRIPTION, "weekly",
                "https://ok", "https://cancel", SubscriptionFixture.ADMIN))).satisfies(e -> assertCode(e, ErrorCode.UNKNOWN_PLAN));
        assertThatThrownBy(() -> f.checkout.start(new StartCheckoutCommand(customer, CheckoutKind.CREDIT_PACK, "pack_2k",
                "https://ok", "https://cancel", SubscriptionFixture.ADMIN)))
                .satisfies(e -> assertCode(e, ErrorCode.UNKNOWN_CREDIT_PRODUCT));

        PortalView portal = f.portal.open(new OpenCustomerPortalCommand(customer, "https://app.example/billing",
                SubscriptionFixture.ADMIN));
        assertThat(portal.url()).startsWith("https://portal.mock.billkit/");
        assertThat(f.auditOf(customer, "portal.opened")).hasSize(1);
        assertThatThrownBy(() -> f.portal.open(new OpenCustomerPortalCommand(CustomerId.of("cus_ghost"), "https://x",
                SubscriptionFixture.ADMIN))).satisfies(e -> assertCode(e, ErrorCode.NOT_FOUND));
    }
}
