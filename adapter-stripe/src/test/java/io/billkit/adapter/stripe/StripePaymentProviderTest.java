package io.billkit.adapter.stripe;

import io.billkit.adapter.stripe.FakeStripeApi.Recorded;
import io.billkit.application.port.out.provider.CheckoutSession;
import io.billkit.application.port.out.provider.PortalSession;
import io.billkit.application.port.out.provider.ProviderCustomer;
import io.billkit.application.port.out.provider.ProviderInvoice;
import io.billkit.application.port.out.provider.ProviderInvoiceItem;
import io.billkit.application.port.out.provider.ProviderInvoiceStatus;
import io.billkit.application.port.out.provider.ProviderSubscription;
import io.billkit.application.port.out.provider.ProviderSubscriptionStatus;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.CreditProduct;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.money.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.billkit.adapter.stripe.StripeTestSupport.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

class StripePaymentProviderTest {

    private FakeStripeApi fake;
    private StripePaymentProvider stripe;

    @BeforeEach
    void start() {
        fake = FakeStripeApi.start();
        stripe = StripeTestSupport.provider(StripeTestSupport.config(fake));
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private ProviderCustomer customer() {
        return stripe.createCustomer("cust-acme", "Acme Ltd", "billing@acme.test", "customer-acme");
    }

    @Nested
    class Customers {

        @Test
        void create_posts_name_email_and_billkit_id_with_a_namespaced_idempotency_key() {
            ProviderCustomer created = customer();

            Recorded request = fake.only("POST", "/v1/customers");
            assertThat(request.form()).containsEntry("name", "Acme Ltd")
                    .containsEntry("email", "billing@acme.test")
                    .containsEntry("metadata[billkit_customer_id]", "cust-acme");
            assertThat(request.idempotencyKey()).isEqualTo("customer.create:customer-acme");
            assertThat(request.headers()).containsEntry("authorization", "Bearer " + StripeTestSupport.API_KEY)
                    .containsEntry("stripe-version", "2026-07-29.dahlia");
            assertThat(created.id()).startsWith("cus_fake");
            assertThat(created.name()).isEqualTo("Acme Ltd");
            assertThat(created.email()).isEqualTo("billing@acme.test");
        }

        @Test
        void a_call_made_in_a_trace_carries_its_traceparent_and_one_outside_any_trace_carries_none() {
            io.billkit.application.tracing.TraceContext trace = io.billkit.application.tracing.TraceContext
                    .parse("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").orElseThrow();
            try (var ignored = trace.open()) {
                customer();
            }
            stripe.createCustomer("cust-globex", "Globex", "ap@globex.test", "customer-globex");

            assertThat(fake.requests("POST", "/v1/customers")).hasSize(2);
            assertThat(fake.requests("POST", "/v1/customers").get(0).headers())
                    .containsEntry("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
            assertThat(fake.requests("POST", "/v1/customers").get(1).headers()).doesNotContainKey("traceparent");
        }

        @Test
        void update_posts_the_new_name_and_email() {
            ProviderCustomer created = customer();

            ProviderCustomer updated = stripe.updateCustomer(created.id(), "Acme Inc", "ap@acme.test", "rename-1");

            Recorded request = fake.only("POST", "/v1/customers/cus_.*");
            assertThat(request.form()).containsEntry("name", "Acme Inc").containsEntry("email", "ap@acme.test");
            assertThat(request.idempotencyKey()).isEqualTo("customer.update:rename-1");
            assertThat(updated).isEqualTo(new ProviderCustomer(created.id(), "Acme Inc", "ap@acme.test"));
        }

        @Test
        void updating_an_unknown_customer_is_not_found() {
            assertThat(codeOf(() -> stripe.updateCustomer("cus_nobody", "X", "x@x.test", "k"))).isEqualTo(ErrorCode.NOT_FOUND);
        }
    }

    @Nested
    class Subscriptions {

        @Test
        void create_sends_the_plans_price_and_trial_end_and_maps_the_item_period() {
            ProviderCustomer customer = customer();
            Instant trialEnd = Instant.parse("2026-01-29T00:00:00Z"); // apex growth: 14 trial days

            ProviderSubscription subscription = stripe.createSubscription(customer.id(), PlanCode.of("growth"), Optional.of(trialEnd), "sub-1");

            Recorded request = fake.only("POST", "/v1/subscriptions");
            assertThat(request.form()).containsEntry("customer", customer.id())
                    .containsEntry("items[0][price]", "price_apex_growth")
                    .containsEntry("trial_end", Long.toString(trialEnd.getEpochSecond()))
                    .containsEntry("metadata[billkit_plan]", "growth");
            assertThat(request.idempotencyKey()).isEqualTo("subscription.create:sub-1");
            assertThat(subscription.planCode()).isEqualTo("growth");
            assertThat(subscription.status()).isEqualTo(ProviderSubscriptionStatus.TRIALING);
            assertThat(subscription.customerId()).isEqualTo(customer.id());
            assertThat(subscription.currentPeriodStart()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
            assertThat(subscription.currentPeriodEnd()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
            assertThat(subscription.cancelAtPeriodEnd()).isFalse();
        }

        @Test
        void create_without_trial_sends_no_trial_end() {
            ProviderCustomer customer = customer();

            ProviderSubscription subscription = stripe.createSubscription(customer.id(), PlanCode.of("scale"), Optional.empty(), "sub-1");

            assertThat(fake.only("POST", "/v1/subscriptions").form()).doesNotContainKey("trial_end");
            assertThat(subscription.status()).isEqualTo(ProviderSubscriptionStatus.ACTIVE);
        }

        @Test
        void a_plan_without_a_stripe_price_is_refused_before_calling_stripe() {
            ProviderCustomer customer = customer();

            assertThat(codeOf(() -> stripe.createSubscription(customer.id(), PlanCode.of("enterprise"), Optional.empty(), "sub-1")))
                    .isEqualTo(ErrorCode.UNKNOWN_PLAN);
            assertThat(fake.requests("POST", "/v1/subscriptions")).isEmpty();
        }

        @Test
        void an_upgrade_replaces_the_items_price_with_proration_off_because_billkit_bills_the_proration() {
            ProviderCustomer customer = customer();
            ProviderSubscription subscription = stripe.createSubscription(customer.id(), PlanCode.of("starter"), Optional.empty(), "sub-1");
            String itemId = fake.subscriptions.get(subscription.id()).get("items").get("data").get(0).get("id").asText();

            ProviderSubscription changed = stripe.changePlan(subscription.id(), PlanCode.of("growth"), "upgrade-1");

            Recorded request = fake.only("POST", "/v1/subscriptions/sub_.*");
            assertThat(request.form()).containsEntry("items[0][id]", itemId)
                    .containsEntry("items[0][price]", "price_apex_growth")
                    .containsEntry("proration_behavior", "none")
                    .containsEntry("metadata[billkit_plan]", "growth");
            assertThat(request.idempotencyKey()).isEqualTo("subscription.change_plan:upgrade-1");
            assertThat(changed.planCode()).isEqualTo("growth");
            assertThat(fake.subscriptions.get(subscription.id()).get("items").get("data").get(0).get("price").get("id").asText())
                    .isEqualTo("price_apex_growth");
        }

        @Test
        void a_downgrade_also_says_proration_none() {
            ProviderCustomer customer = customer();
            ProviderSubscription subscription = stripe.createSubscription(customer.id(), PlanCode.of("growth"), Optional.empty(), "sub-1");

            ProviderSubscription changed = stripe.changePlan(subscription.id(), PlanCode.of("starter"), "downgrade-1");

            assertThat(fake.only("POST", "/v1/subscriptions/sub_.*").form()).containsEntry("proration_behavior", "none");
            assertThat(changed.planCode()).isEqualTo("starter");
        }

        @Test
        void cancel_at_period_end_then_resume_toggles_the_flag() {
            ProviderCustomer customer = customer();
            ProviderSubscription subscription = stripe.createSubscription(customer.id(), PlanCode.of("growth"), Optional.empty(), "sub-1");

            ProviderSubscription cancelling = stripe.cancelSubscription(subscription.id(), true, "cancel-1");
            ProviderSubscription resumed = stripe.resumeSubscription(subscription.id(), "resume-1");

            List<Recorded> updates = fake.requests("POST", "/v1/subscriptions/sub_.*");
            assertThat(updates).extracting(r -> r.param("cancel_at_period_end")).containsExactly("true", "false");
            assertThat(updates).extracting(Recorded::idempotencyKey)
                    .containsExactly("subscription.cancel_at_period_end:cancel-1", "subscription.resume:resume-1");
            assertThat(cancelling.cancelAtPeriodEnd()).isTrue();
            assertThat(cancelling.status()).isEqualTo(ProviderSubscriptionStatus.ACTIVE);
            assertThat(resumed.cancelAtPeriodEnd()).isFalse();
        }

        @Test
        void cancel_now_deletes_and_a_canceled_subscription_cannot_resume() {
            ProviderCustomer customer = customer();
            ProviderSubscription subscription = stripe.createSubscription(customer.id(), PlanCode.of("growth"), Optional.empty(), "sub-1");

            ProviderSubscription canceled = stripe.cancelSubscription(subscription.id(), false, "cancel-now");

            Recorded delete = fake.only("DELETE", "/v1/subscriptions/.*");
            assertThat(delete.idempotencyKey()).isEqualTo("subscription.cancel:cancel-now");
            assertThat(canceled.status()).isEqualTo(ProviderSubscriptionStatus.CANCELED);
            assertThat(codeOf(() -> stripe.resumeSubscription(subscription.id(), "resume-1"))).isEqualTo(ErrorCode.ILLEGAL_TRANSITION);
            assertThat(fake.requests("POST", "/v1/subscriptions/sub_.*")).isEmpty();
        }

        @Test
        void a_price_billkit_does_not_know_falls_back_to_the_plan_metadata() {
            ProviderCustomer customer = customer();
            ProviderSubscription subscription = stripe.createSubscription(customer.id(), PlanCode.of("growth"), Optional.empty(), "sub-1");
            ((com.fasterxml.jackson.databind.node.ObjectNode) fake.subscriptions.get(subscription.id())
                    .get("items").get("data").get(0).get("price")).put("id", "price_legacy");

            assertThat(stripe.resumeSubscription(subscription.id(), "resume-1").planCode()).isEqualTo("growth");
        }
    }

    @Nested
    class Invoices {

        private final List<ProviderInvoiceItem> items = List.of(
                new ProviderInvoiceItem("Growth plan, January 2026", Money.of("499.00", "USD")),
                new ProviderInvoiceItem("API calls overage 125,000 @ USD 0.10 / 1,000", Money.of("12.50", "USD")),
                new ProviderInvoiceItem("Prepaid credits applied", Money.of("-20.00", "USD")));

        @Test
        void create_makes_a_send_invoice_draft_adds_each_line_in_cents_and_finalizes() {
            ProviderCustomer customer = customer();

            ProviderInvoice invoice = stripe.createInvoice(customer.id(), items, LocalDate.of(2026, 2, 14),
                    Map.of("billkit_invoice_id", "inv-2026-01-0001"), "close-2026-01");

            Recorded create = fake.only("POST", "/v1/invoices");
            assertThat(create.form()).containsEntry("customer", customer.id())
                    .containsEntry("currency", "usd")
                    .containsEntry("collection_method", "send_invoice")
                    .containsEntry("due_date", Long.toString(Instant.parse("2026-02-14T12:00:00Z").getEpochSecond()))
                    .containsEntry("pending_invoice_items_behavior", "exclude")
                    .containsEntry("auto_advance", "false")
                    .containsEntry("metadata[billkit_invoice_id]", "inv-2026-01-0001");
            assertThat(create.idempotencyKey()).isEqualTo("invoice.create:close-2026-01");
            List<Recorded> lines = fake.requests("POST", "/v1/invoiceitems");
            assertThat(lines).extracting(r -> r.param("amount")).containsExactly("49900", "1250", "-2000");
            assertThat(lines).extracting(r -> r.param("description")).containsExactly(
                    "Growth plan, January 2026", "API calls overage 125,000 @ USD 0.10 / 1,000", "Prepaid credits applied");
            assertThat(lines).allSatisfy(r -> assertThat(r.param("invoice")).isEqualTo(invoice.id()));
            assertThat(lines).extracting(Recorded::idempotencyKey).containsExactly(
                    "invoiceitem.create:close-2026-01:0", "invoiceitem.create:close-2026-01:1", "invoiceitem.create:close-2026-01:2");
            Recorded finalize = fake.only("POST", "/v1/invoices/.*/finalize");
            assertThat(finalize.idempotencyKey()).isEqualTo("invoice.finalize:close-2026-01");
            assertThat(finalize.form()).containsEntry("auto_advance", "false");

            assertThat(invoice.status()).isEqualTo(ProviderInvoiceStatus.OPEN);
            assertThat(invoice.total()).isEqualTo(Money.of("491.50", "USD"));
            assertThat(invoice.amountDue()).isEqualTo(Money.of("491.50", "USD"));
            assertThat(invoice.amountPaid()).isEqualTo(Money.zero("USD"));
            assertThat(invoice.hostedUrl()).isEqualTo("https://invoice.stripe.com/i/" + invoice.id());
        }

        @Test
        void a_coupon_discount_line_is_a_negative_invoice_item_so_stripe_totals_what_billkit_does() {
            ProviderCustomer customer = customer();
            // BillKit's invoice: Scale 1,999.00, LAUNCH20 -399.80, tax 10 % 159.92 = 1,759.12
            ProviderInvoice invoice = stripe.createInvoice(customer.id(), List.of(
                    new ProviderInvoiceItem("Scale plan (monthly)", Money.of("1999.00", "USD")),
                    new ProviderInvoiceItem("LAUNCH20 launch (20% off)", Money.of("-399.80", "USD")),
                    new ProviderInvoiceItem("Tax (10%)", Money.of("159.92", "USD"))),
                    LocalDate.of(2026, 2, 14), Map.of(), "coupon-1");

            assertThat(fake.requests("POST", "/v1/invoiceitems")).extracting(r -> r.param("amount"))
                    .containsExactly("199900", "-39980", "15992");
            assertThat(invoice.total()).isEqualTo(Money.of("1759.12", "USD"));
        }

        @Test
        void yen_lines_are_sent_as_whole_yen() {
            ProviderCustomer customer = customer();

            ProviderInvoice invoice = stripe.createInvoice(customer.id(),
                    List.of(new ProviderInvoiceItem("Pro plan", Money.of("15000", "JPY"))), LocalDate.of(2026, 2, 14), Map.of(), "jp-1");

            assertThat(fake.only("POST", "/v1/invoiceitems").form()).containsEntry("amount", "15000").containsEntry("currency", "jpy");
            assertThat(invoice.total()).isEqualTo(Money.of("15000", "JPY"));
        }

        @Test
        void mixed_currencies_are_refused_before_calling_stripe() {
            ProviderCustomer customer = customer();

            assertThat(codeOf(() -> stripe.createInvoice(customer.id(), List.of(
                    new ProviderInvoiceItem("a", Money.of("1.00", "USD")), new ProviderInvoiceItem("b", Money.of("1.00", "EUR"))),
                    LocalDate.of(2026, 2, 14), Map.of(), "mixed"))).isEqualTo(ErrorCode.CURRENCY_MISMATCH);
            assertThat(fake.requests("POST", "/v1/invoices")).isEmpty();
        }

        @Test
        void a_create_that_failed_halfway_completes_on_retry_without_duplicating_anything() {
            ProviderCustomer customer = customer();
            // the second line fails on both attempts stripe-java makes (maxNetworkRetries = 1)
            for (int attempt = 0; attempt < 2; attempt++) {
                fake.failNext("POST", "/v1/invoiceitems", r -> "1250".equals(r.param("amount")), 500,
                        FakeStripeApi.error("api_error", null, "boom"));
            }

            assertThat(codeOf(() -> stripe.createInvoice(customer.id(), items, LocalDate.of(2026, 2, 14), Map.of(), "close-2026-01")))
                    .isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
            ProviderInvoice invoice = stripe.createInvoice(customer.id(), items, LocalDate.of(2026, 2, 14), Map.of(), "close-2026-01");

            assertThat(fake.effects("POST", "/v1/invoices")).isEqualTo(1);
            assertThat(fake.effects("POST", "/v1/invoiceitems")).isEqualTo(3);
            assertThat(fake.invoices).hasSize(1);
            assertThat(fake.invoices.get(invoice.id()).get("lines").get("data")).hasSize(3);
            assertThat(invoice.total()).isEqualTo(Money.of("491.50", "USD"));
        }

        @Test
        void pay_charges_the_default_method_and_nothing_remains_due() {
            ProviderCustomer customer = customer();
            StripeTestSupport.giveDefaultCard(fake, customer.id());
            ProviderInvoice open = stripe.createInvoice(customer.id(), items, LocalDate.of(2026, 2, 14), Map.of(), "close-2026-01");

            ProviderInvoice paid = stripe.payInvoice(open.id(), "pay-1");

            assertThat(fake.only("POST", "/v1/invoices/.*/pay").idempotencyKey()).isEqualTo("invoice.pay:pay-1");
            assertThat(paid.status()).isEqualTo(ProviderInvoiceStatus.PAID);
            assertThat(paid.amountPaid()).isEqualTo(Money.of("491.50", "USD"));
            assertThat(paid.amountDue()).isEqualTo(Money.zero("USD"));
            assertThat(fake.invoices.get(open.id()).get("status").asText()).isEqualTo("paid");
        }

        @Test
        void a_declined_payment_is_payment_failed_and_the_invoice_stays_open() {
            ProviderCustomer customer = customer();
            ProviderInvoice open = stripe.createInvoice(customer.id(), items, LocalDate.of(2026, 2, 14), Map.of(), "close-2026-01");

            assertThat(codeOf(() -> stripe.payInvoice(open.id(), "pay-1"))).isEqualTo(ErrorCode.PAYMENT_FAILED);
            assertThat(fake.invoices.get(open.id()).get("status").asText()).isEqualTo("open");
        }

        @Test
        void void_leaves_nothing_due() {
            ProviderCustomer customer = customer();
            ProviderInvoice open = stripe.createInvoice(customer.id(), items, LocalDate.of(2026, 2, 14), Map.of(), "close-2026-01");

            ProviderInvoice voided = stripe.voidInvoice(open.id(), "void-1");

            assertThat(fake.only("POST", "/v1/invoices/.*/void").idempotencyKey()).isEqualTo("invoice.void:void-1");
            assertThat(voided.status()).isEqualTo(ProviderInvoiceStatus.VOID);
            assertThat(voided.amountDue()).isEqualTo(Money.zero("USD"));
        }

        @Test
        void a_refund_finds_the_paid_invoices_payment_and_refunds_it_once_per_key() {
            ProviderCustomer customer = customer();
            StripeTestSupport.giveDefaultCard(fake, customer.id());
            ProviderInvoice open = stripe.createInvoice(customer.id(), items, LocalDate.of(2026, 2, 14), Map.of(), "close-2026-01");
            stripe.payInvoice(open.id(), "pay-1");

            io.billkit.application.port.out.provider.ProviderRefund refund = stripe.refundInvoicePayment(open.id(),
                    Money.of("126.38", "USD"), Map.of("billkit_credit_note_id", "cn_1"), "refund-cn_1");
            io.billkit.application.port.out.provider.ProviderRefund again = stripe.refundInvoicePayment(open.id(),
                    Money.of("126.38", "USD"), Map.of("billkit_credit_note_id", "cn_1"), "refund-cn_1");

            assertThat(fake.requests("GET", "/v1/invoice_payments")).first()
                    .satisfies(r -> assertThat(r.query()).containsEntry("invoice", open.id()).containsEntry("status", "paid"));
            assertThat(fake.requests("POST", "/v1/refunds")).hasSize(2).allSatisfy(r -> {
                assertThat(r.idempotencyKey()).isEqualTo("refund.create:refund-cn_1");
                assertThat(r.form()).containsEntry("amount", "12638").containsEntry("payment_intent", "pi_" + open.id())
                        .containsEntry("metadata[billkit_credit_note_id]", "cn_1");
            });
            assertThat(fake.effects("POST", "/v1/refunds")).isEqualTo(1);
            assertThat(fake.refunds).hasSize(1);
            assertThat(refund.status()).isEqualTo(io.billkit.application.port.out.provider.ProviderRefund.Status.SUCCEEDED);
            assertThat(again).isEqualTo(refund);
            assertThat(refund.id()).startsWith("re_fake");
        }

        @Test
        void refunding_an_unpaid_invoice_is_not_found_and_more_than_was_paid_is_refused() {
            ProviderCustomer customer = customer();
            StripeTestSupport.giveDefaultCard(fake, customer.id());
            ProviderInvoice open = stripe.createInvoice(customer.id(), items, LocalDate.of(2026, 2, 14), Map.of(), "close-2026-01");
            assertThat(codeOf(() -> stripe.refundInvoicePayment(open.id(), Money.of("1.00", "USD"), Map.of(), "r-1")))
                    .isEqualTo(ErrorCode.NOT_FOUND);
            stripe.payInvoice(open.id(), "pay-1");
            assertThat(codeOf(() -> stripe.refundInvoicePayment(open.id(), Money.of("491.51", "USD"), Map.of(), "r-2")))
                    .isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(fake.refunds).isEmpty();
        }

        @Test
        void an_unknown_invoice_is_not_found() {
            assertThat(codeOf(() -> stripe.payInvoice("in_nothing", "pay-1"))).isEqualTo(ErrorCode.NOT_FOUND);
        }
    }

    @Nested
    class Usage {

        @Test
        void record_usage_sends_a_meter_event_named_after_the_meter() {
            Instant at = Instant.parse("2026-01-15T09:00:00Z");

            stripe.recordUsage("cus_1", SeedCatalogs.API_CALLS, new BigDecimal("1500"), at, "evt-billkit-42");

            Recorded request = fake.only("POST", "/v1/billing/meter_events");
            assertThat(request.form()).containsEntry("event_name", "api_calls")
                    .containsEntry("payload[stripe_customer_id]", "cus_1")
                    .containsEntry("payload[value]", "1500")
                    .containsEntry("identifier", "evt-billkit-42")
                    .containsEntry("timestamp", Long.toString(at.getEpochSecond()));
            assertThat(request.idempotencyKey()).isEqualTo("billing.meter_event:evt-billkit-42");
        }

        @Test
        void decimal_quantities_are_sent_as_plain_decimals() {
            stripe.recordUsage("cus_1", SeedCatalogs.DATA_TRANSFER_GB, new BigDecimal("2.500"), StripeTestSupport.NOW, "evt-1");

            assertThat(fake.only("POST", "/v1/billing/meter_events").param("payload[value]")).isEqualTo("2.5");
        }

        @Test
        void recording_the_same_event_twice_reaches_stripe_once() {
            stripe.recordUsage("cus_1", SeedCatalogs.API_CALLS, BigDecimal.TEN, StripeTestSupport.NOW, "evt-1");
            stripe.recordUsage("cus_1", SeedCatalogs.API_CALLS, BigDecimal.TEN, StripeTestSupport.NOW, "evt-1");

            assertThat(fake.requests("POST", "/v1/billing/meter_events")).hasSize(2);
            assertThat(fake.meterEvents).hasSize(1);
        }

        @Test
        void usage_sums_the_meter_summary_of_the_window() {
            stripe.recordUsage("cus_1", SeedCatalogs.API_CALLS, new BigDecimal("1500"), Instant.parse("2026-01-02T10:00:00Z"), "e1");
            stripe.recordUsage("cus_1", SeedCatalogs.API_CALLS, new BigDecimal("2500"), Instant.parse("2026-01-20T10:00:00Z"), "e2");
            stripe.recordUsage("cus_1", SeedCatalogs.API_CALLS, new BigDecimal("9999"), Instant.parse("2026-02-01T00:00:00Z"), "e3");
            stripe.recordUsage("cus_2", SeedCatalogs.API_CALLS, new BigDecimal("7777"), Instant.parse("2026-01-05T00:00:00Z"), "e4");

            BigDecimal total = stripe.usage("cus_1", SeedCatalogs.API_CALLS,
                    Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z"));

            assertThat(total).isEqualByComparingTo("4000");
            Recorded request = fake.only("GET", "/v1/billing/meters/.*/event_summaries");
            assertThat(request.path()).isEqualTo("/v1/billing/meters/mtr_api_calls/event_summaries");
            assertThat(request.query()).containsEntry("customer", "cus_1")
                    .containsEntry("start_time", Long.toString(Instant.parse("2026-01-01T00:00:00Z").getEpochSecond()))
                    .containsEntry("end_time", Long.toString(Instant.parse("2026-02-01T00:00:00Z").getEpochSecond()))
                    .doesNotContainKey("value_grouping_window");
        }

        @Test
        void windows_off_whole_minutes_are_refused_before_calling_stripe() {
            assertThat(codeOf(() -> stripe.usage("cus_1", SeedCatalogs.API_CALLS,
                    Instant.parse("2026-01-01T00:00:30Z"), Instant.parse("2026-02-01T00:00:00Z")))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
            assertThat(fake.requests()).isEmpty();
        }

        @Test
        void a_meter_without_a_stripe_meter_is_unknown() {
            assertThat(codeOf(() -> stripe.usage("cus_1", SeedCatalogs.AI_TOKENS,
                    Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-02-01T00:00:00Z")))).isEqualTo(ErrorCode.UNKNOWN_METER);
        }
    }

    @Nested
    class HostedPages {

        @Test
        void subscription_checkout_uses_the_plans_price_and_names_the_plan() {
            ProviderCustomer customer = customer();

            CheckoutSession session = stripe.createSubscriptionCheckout(customer.id(), PlanCode.of("growth"),
                    "https://app.test/ok", "https://app.test/cancel", "checkout-1");

            Recorded request = fake.only("POST", "/v1/checkout/sessions");
            assertThat(request.form()).containsEntry("mode", "subscription")
                    .containsEntry("customer", customer.id())
                    .containsEntry("line_items[0][price]", "price_apex_growth")
                    .containsEntry("line_items[0][quantity]", "1")
                    .containsEntry("success_url", "https://app.test/ok")
                    .containsEntry("cancel_url", "https://app.test/cancel")
                    .containsEntry("metadata[billkit_plan]", "growth")
                    .containsEntry("subscription_data[metadata][billkit_plan]", "growth");
            assertThat(request.idempotencyKey()).isEqualTo("checkout.subscription:checkout-1");
            assertThat(session.url()).isEqualTo("https://checkout.stripe.com/c/pay/" + session.id());
        }

        @Test
        void credit_pack_checkout_charges_the_pack_price_once_and_names_the_pack() {
            ProviderCustomer customer = customer();
            CreditProduct pack = SeedCatalogs.credits().requireCreditProduct("pack_10k");

            CheckoutSession session = stripe.createCreditPackCheckout(customer.id(), pack, "https://app.test/ok",
                    "https://app.test/cancel", "pack-1");

            Recorded request = fake.only("POST", "/v1/checkout/sessions");
            assertThat(request.form()).containsEntry("mode", "payment")
                    .containsEntry("line_items[0][quantity]", "1")
                    .containsEntry("line_items[0][price_data][currency]", "usd")
                    .containsEntry("line_items[0][price_data][unit_amount]", "9000")
                    .containsEntry("line_items[0][price_data][product_data][name]", "10,000 credits")
                    .containsEntry("metadata[credit_product]", "pack_10k")
                    .containsEntry("payment_intent_data[metadata][credit_product]", "pack_10k");
            assertThat(request.idempotencyKey()).isEqualTo("checkout.credit_pack:pack-1");
        }

        @Test
        void portal_session_posts_customer_and_return_url_with_a_per_minute_key() {
            ProviderCustomer customer = customer();

            PortalSession session = stripe.createPortalSession(customer.id(), "https://app.test/billing");

            Recorded request = fake.only("POST", "/v1/billing_portal/sessions");
            assertThat(request.form()).containsEntry("customer", customer.id()).containsEntry("return_url", "https://app.test/billing");
            assertThat(request.idempotencyKey()).startsWith("billing_portal.session:" + customer.id() + ":")
                    .endsWith(":2026-01-15T10:30:00Z");
            assertThat(session.url()).isEqualTo("https://billing.stripe.com/p/session/" + session.id());
        }
    }
}
