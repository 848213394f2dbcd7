package io.billkit.application.service;

import io.billkit.application.contract.ConcurrentRunner;
import io.billkit.application.port.in.ProviderEvent;
import io.billkit.application.port.in.provider.ProviderEventResult;
import io.billkit.application.port.in.subscription.CheckoutKind;
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

    private ProviderEvent event(String type, Instant createdAt, String objectId, Map<String, String> data) {
        return new ProviderEvent("evt_" + eventIds.incrementAndGet(), type, createdAt, objectId, data);
    }

    private ProviderEvent invoiceEvent(String type, Instant createdAt) {
        return event(type, createdAt, PROVIDER_INVOICE, Map.of(ProviderEvent.INVOICE, PROVIDER_INVOICE));
    }

    @Test
    void a_payment_delivered_twice_marks_the_invoice_paid_once() {
        Billed b = new Billed();
        ProviderEvent paid = invoiceEvent("invoice.payment_succeeded", b.f.clock.instant());

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
        ProviderEvent failed = invoiceEvent("invoice.payment_failed", b.f.clock.instant());

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

        assertThat(b.f.providerEvents.handle(invoiceEvent("invoice.payment_failed", t0))).isEqualTo(ProviderEventResult.APPLIED);
        assertThat(b.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(b.f.providerEvents.handle(invoiceEvent("invoice.payment_failed", t0.plusSeconds(3600))))
                .isEqualTo(ProviderEventResult.APPLIED);
        assertThat(b.f.outboxOfType("invoice.payment_failed")).extracting(e -> e.payload().get("failedPayments"))
                .containsExactly("1", "2");

        assertThat(b.f.providerEvents.handle(invoiceEvent("invoice.payment_succeeded", t0.plusSeconds(7200))))
                .isEqualTo(ProviderEventResult.APPLIED);
        assertThat(b.invoice().status()).isEqualTo(InvoiceStatus.PAID);
        assertThat(b.status()).isEqualTo(SubscriptionStatus.ACTIVE);

        ProviderEventResult late = b.f.providerEvents.handle(invoiceEvent("invoice.payment_failed", t0.plusSeconds(5400)));
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
        Map<String, String> scheduleCancel = Map.of(ProviderEvent.SUBSCRIPTION, sub,
                ProviderEvent.CANCEL_AT_PERIOD_END, "true", ProviderEvent.STATUS, "active");
        Map<String, String> noCancel = Map.of(ProviderEvent.SUBSCRIPTION, sub,
                ProviderEvent.CANCEL_AT_PERIOD_END, "false", ProviderEvent.STATUS, "active");

        assertThat(b.f.providerEvents.handle(event("customer.subscription.updated", t0.plusSeconds(60), sub, scheduleCancel)))
                .isEqualTo(ProviderEventResult.APPLIED);
        assertThat(b.f.providerEvents.handle(event("customer.subscription.updated", t0, sub, noCancel)))
                .isEqualTo(ProviderEventResult.STALE);
        assertThat(b.f.getSubscription.current(b.customer).orElseThrow().cancelAtPeriodEnd()).isTrue();

        assertThat(b.f.providerEvents.handle(event("customer.subscription.deleted", t0.plusSeconds(120), sub,
                Map.of(ProviderEvent.SUBSCRIPTION, sub)))).isEqualTo(ProviderEventResult.APPLIED);
        assertThat(b.status()).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(b.f.outboxOfType("subscription.cancelled")).hasSize(1);
    }

    @Test
    void unknown_types_and_unknown_objects_are_ignored_but_audited() {
        Billed b = new Billed();
        Instant now = b.f.clock.instant();

        assertThat(b.f.providerEvents.handle(event("customer.tax_id.created", now, "txi_1", Map.of())))
                .isEqualTo(ProviderEventResult.IGNORED);
        assertThat(b.f.providerEvents.handle(event("invoice.payment_succeeded", now, "in_unknown", Map.of())))
                .isEqualTo(ProviderEventResult.IGNORED);
        assertThat(b.f.providerEvents.handle(event("charge.refunded", now, "ch_1",
                Map.of(ProviderEvent.CUSTOMER, b.f.providerCustomer(b.customer))))).isEqualTo(ProviderEventResult.IGNORED);
        assertThat(b.invoice().status()).isEqualTo(InvoiceStatus.OPEN);
        assertThat(b.f.auditOf(b.customer, "provider.event")).singleElement()
                .satisfies(e -> assertThat(e.data()).containsEntry("type", "charge.refunded"));
        assertThat(b.f.auditLog.recent(java.util.Optional.empty(), 100)).filteredOn(e -> e.action().equals("provider.event"))
                .hasSize(3);
    }

    @Test
    void an_applied_event_is_marked_processed_and_an_ignored_or_failed_one_is_not() {
        Billed b = new Billed();
        ProviderEvent unknown = event("invoice.payment_succeeded", b.f.clock.instant(), "in_unknown", Map.of());
        ProviderEvent paid = invoiceEvent("invoice.payment_succeeded", b.f.clock.instant());
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
        ProviderEvent paid = invoiceEvent("invoice.payment_succeeded", b.f.clock.instant());
        b.f.invoices.failNextUpdate();

        assertThatThrownBy(() -> b.f.providerEvents.handle(paid)).isInstanceOf(IllegalStateException.class);
        assertThat(b.invoice().status()).isEqualTo(InvoiceStatus.OPEN);

        assertThat(b.f.providerEvents.handle(paid)).isEqualTo(ProviderEventResult.APPLIED);
        assertThat(b.invoice().status()).isEqualTo(InvoiceStatus.PAID);
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
