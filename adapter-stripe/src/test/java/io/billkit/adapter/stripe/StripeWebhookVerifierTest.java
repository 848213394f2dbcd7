package io.billkit.adapter.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.Stripe;
import io.billkit.application.port.in.ProviderEvent;
import io.billkit.application.port.out.provider.ProviderSubscriptionStatus;
import io.billkit.domain.money.Money;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import static io.billkit.adapter.stripe.StripeTestSupport.codeOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real Stripe-Signature headers over fixture-shaped event bodies. */
class StripeWebhookVerifierTest {

    private static final String SECRET = "whsec_billkit_test_secret";
    private static final Instant NOW = StripeTestSupport.NOW;
    private static final StripeConfig CONFIG = new StripeConfig(StripeTestSupport.API_KEY, StripeConfig.DEFAULT_API_BASE,
            StripeTestSupport.PRICES, StripeTestSupport.METERS, Duration.ofSeconds(2), Duration.ofSeconds(2), 1);

    private final StripeWebhookVerifier verifier = new StripeWebhookVerifier(SECRET, CONFIG, StripeWebhookVerifier.DEFAULT_TOLERANCE,
            StripeTestSupport.CLOCK);

    // --- building signed deliveries

    static String sign(String payload, String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String signedNow(String payload) {
        return sign(payload, SECRET, NOW.getEpochSecond() - 5);
    }

    private static String event(String type, ObjectNode object, String apiVersion) {
        ObjectNode event = FakeStripeApi.fixture("event");
        event.put("id", "evt_billkit_1");
        event.put("type", type);
        event.put("created", NOW.getEpochSecond() - 60);
        if (apiVersion == null) {
            event.putNull("api_version");
        } else {
            event.put("api_version", apiVersion);
        }
        ((ObjectNode) event.get("data")).set("object", object);
        return event.toString();
    }

    private static String event(String type, ObjectNode object) {
        return event(type, object, Stripe.API_VERSION);
    }

    private ProviderEvent verify(String payload) {
        return verifier.verify(payload, signedNow(payload));
    }

    private static ObjectNode invoice() {
        ObjectNode invoice = FakeStripeApi.fixture("invoice");
        invoice.put("id", "in_jan");
        invoice.put("customer", "cus_acme");
        invoice.put("status", "paid");
        invoice.put("total", 49_900L);
        invoice.put("currency", "usd");
        ((ObjectNode) invoice.get("parent").get("subscription_details")).put("subscription", "sub_acme");
        return invoice;
    }

    private static ObjectNode subscription(String priceId, String status, boolean cancelAtPeriodEnd) {
        ObjectNode subscription = FakeStripeApi.fixture("subscription");
        subscription.put("id", "sub_acme");
        subscription.put("customer", "cus_acme");
        subscription.put("status", status);
        subscription.put("cancel_at_period_end", cancelAtPeriodEnd);
        ((ObjectNode) subscription.get("items").get("data").get(0).get("price")).put("id", priceId);
        return subscription;
    }

    // --- mapping to typed events

    @Test
    void a_paid_invoice_is_invoice_paid_with_its_customer() {
        ProviderEvent event = verify(event("invoice.payment_succeeded", invoice()));

        assertThat(event).isInstanceOfSatisfying(ProviderEvent.InvoicePaid.class, paid -> {
            assertThat(paid.invoice()).isEqualTo("in_jan");
            assertThat(paid.providerCustomer()).contains("cus_acme");
        });
        assertThat(event.id()).isEqualTo("evt_billkit_1");
        assertThat(event.createdAt()).isEqualTo(NOW.minusSeconds(60));
        assertThat(event.objectId()).isEqualTo("in_jan");
    }

    @Test
    void a_failed_invoice_payment_carries_stripes_attempt_count() {
        ObjectNode invoice = invoice();
        invoice.put("status", "open");
        invoice.put("attempt_count", 3);

        ProviderEvent event = verify(event("invoice.payment_failed", invoice));

        assertThat(event).isInstanceOfSatisfying(ProviderEvent.PaymentFailed.class, failed -> {
            assertThat(failed.invoice()).isEqualTo("in_jan");
            assertThat(failed.attemptCount()).hasValue(3);
            assertThat(failed.providerCustomer()).contains("cus_acme");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"invoice.created", "invoice.finalized"})
    void created_and_finalized_invoices_are_synced(String type) {
        assertThat(verify(event(type, invoice()))).isInstanceOfSatisfying(ProviderEvent.InvoiceSynced.class,
                synced -> assertThat(synced.invoice()).isEqualTo("in_jan"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"customer.subscription.created", "customer.subscription.updated"})
    void created_and_updated_subscriptions_are_changes_with_a_status_enum(String type) {
        ProviderEvent event = verify(event(type, subscription("price_apex_growth", "past_due", true)));

        assertThat(event).isInstanceOfSatisfying(ProviderEvent.SubscriptionChanged.class, changed -> {
            assertThat(changed.subscription()).isEqualTo("sub_acme");
            assertThat(changed.providerCustomer()).contains("cus_acme");
            assertThat(changed.status()).isEqualTo(ProviderSubscriptionStatus.PAST_DUE);
            assertThat(changed.cancelAtPeriodEnd()).contains(true);
        });
    }

    @ParameterizedTest
    @CsvSource({"trialing,TRIALING", "active,ACTIVE", "canceled,CANCELED", "unpaid,UNPAID", "incomplete_expired,INCOMPLETE_EXPIRED",
            "paused,PAUSED", "something_new,OTHER"})
    void every_stripe_subscription_status_has_its_enum(String stripe, ProviderSubscriptionStatus status) {
        ProviderEvent event = verify(event("customer.subscription.updated", subscription("price_apex_growth", stripe, false)));

        assertThat(((ProviderEvent.SubscriptionChanged) event).status()).isEqualTo(status);
    }

    @Test
    void a_deleted_subscription_and_a_trial_ending_have_their_own_events() {
        assertThat(verify(event("customer.subscription.deleted", subscription("price_apex_starter", "canceled", false))))
                .isInstanceOfSatisfying(ProviderEvent.SubscriptionDeleted.class,
                        deleted -> assertThat(deleted.subscription()).isEqualTo("sub_acme"));
        assertThat(verify(event("customer.subscription.trial_will_end", subscription("price_apex_starter", "trialing", false))))
                .isInstanceOfSatisfying(ProviderEvent.TrialWillEnd.class,
                        ending -> assertThat(ending.providerCustomer()).contains("cus_acme"));
    }

    @Test
    void a_completed_subscription_checkout_names_customer_subscription_and_plan() {
        ObjectNode session = FakeStripeApi.fixture("checkout.session");
        session.put("id", "cs_test_1");
        session.put("mode", "subscription");
        session.put("status", "complete");
        session.put("customer", "cus_acme");
        session.put("subscription", "sub_acme");
        session.put("client_reference_id", "cust-acme");
        session.putNull("amount_total");
        ((ObjectNode) session.get("metadata")).put("billkit_plan", "growth");

        ProviderEvent event = verify(event("checkout.session.completed", session));

        assertThat(event.objectId()).isEqualTo("cs_test_1");
        assertThat(event).isInstanceOfSatisfying(ProviderEvent.CheckoutCompleted.class, done -> {
            assertThat(done.mode()).isEqualTo(ProviderEvent.CheckoutMode.SUBSCRIPTION);
            assertThat(done.providerCustomer()).contains("cus_acme");
            assertThat(done.subscription()).contains("sub_acme");
            assertThat(done.plan()).contains("growth");
            assertThat(done.creditProduct()).isEmpty();
        });
    }

    @Test
    void a_completed_credit_pack_checkout_names_the_pack() {
        ObjectNode session = FakeStripeApi.fixture("checkout.session");
        session.put("id", "cs_test_2");
        session.put("mode", "payment");
        session.put("status", "complete");
        session.put("customer", "cus_acme");
        session.put("amount_total", 9_000L);
        session.put("currency", "usd");
        ((ObjectNode) session.get("metadata")).put("credit_product", "pack_10k");

        ProviderEvent event = verify(event("checkout.session.completed", session));

        assertThat(event).isInstanceOfSatisfying(ProviderEvent.CheckoutCompleted.class, done -> {
            assertThat(done.mode()).isEqualTo(ProviderEvent.CheckoutMode.PAYMENT);
            assertThat(done.creditProduct()).contains("pack_10k");
            assertThat(done.subscription()).isEmpty();
        });
    }

    @Test
    void a_refunded_charge_reports_the_refunded_amount() {
        ObjectNode charge = FakeStripeApi.fixture("charge");
        charge.put("customer", "cus_acme");
        charge.put("amount", 49_900L);
        charge.put("amount_refunded", 10_000L);
        charge.put("refunded", false);

        ProviderEvent event = verify(event("charge.refunded", charge));

        assertThat(event.objectId()).isEqualTo("ch_1PgafuB7WZ01zgkWXYmPNZs8");
        assertThat(event).isInstanceOfSatisfying(ProviderEvent.ChargeRefunded.class, refund -> {
            assertThat(refund.providerCustomer()).contains("cus_acme");
            assertThat(refund.amount()).contains(Money.of("100.00", "USD"));
        });
    }

    @Test
    void a_refunded_charge_names_its_invoice_and_lists_its_refunds_with_billkits_credit_note() {
        ObjectNode charge = FakeStripeApi.fixture("charge");
        charge.put("customer", "cus_acme");
        charge.put("invoice", "in_42");
        charge.put("amount_refunded", 13_828L);
        ObjectNode refunds = charge.putObject("refunds");
        refunds.put("object", "list");
        com.fasterxml.jackson.databind.node.ArrayNode data = refunds.putArray("data");
        ObjectNode dashboard = FakeStripeApi.fixture("refund");
        dashboard.put("id", "re_dashboard");
        dashboard.put("amount", 1_190L);
        ObjectNode own = FakeStripeApi.fixture("refund");
        own.put("id", "re_billkit");
        own.put("amount", 12_638L);
        ((ObjectNode) own.get("metadata")).put("billkit_credit_note_id", "cn_1");
        ObjectNode failed = FakeStripeApi.fixture("refund");
        failed.put("id", "re_failed");
        failed.put("status", "failed");
        data.add(dashboard).add(own).add(failed);

        ProviderEvent event = verify(event("charge.refunded", charge));

        assertThat(event).isInstanceOfSatisfying(ProviderEvent.ChargeRefunded.class, refunded -> {
            assertThat(refunded.invoice()).contains("in_42");
            assertThat(refunded.amount()).contains(Money.of("138.28", "USD"));
            assertThat(refunded.refunds()).containsExactly(
                    new ProviderEvent.Refund("re_dashboard", Money.of("11.90", "USD"), java.util.Optional.empty()),
                    new ProviderEvent.Refund("re_billkit", Money.of("126.38", "USD"), java.util.Optional.of("cn_1")));
        });
    }

    @ParameterizedTest
    @CsvSource({"payment_intent.succeeded,SUCCEEDED", "payment_intent.payment_failed,FAILED"})
    void payment_intents_are_settled_payments_with_amount_and_credit_product(String type, ProviderEvent.PaymentOutcome outcome) {
        ObjectNode intent = FakeStripeApi.fixture("payment_intent");
        intent.put("customer", "cus_acme");
        intent.put("amount", 9_000L);
        intent.put("status", outcome == ProviderEvent.PaymentOutcome.SUCCEEDED ? "succeeded" : "requires_payment_method");
        ((ObjectNode) intent.get("metadata")).put("credit_product", "pack_10k");

        ProviderEvent event = verify(event(type, intent));

        assertThat(event.objectId()).isEqualTo("pi_1PgafyB7WZ01zgkWSjxsAJo3");
        assertThat(event).isInstanceOfSatisfying(ProviderEvent.PaymentSettled.class, payment -> {
            assertThat(payment.outcome()).isEqualTo(outcome);
            assertThat(payment.providerCustomer()).contains("cus_acme");
            assertThat(payment.amount()).contains(Money.of("90.00", "USD"));
            assertThat(payment.creditProduct()).contains("pack_10k");
        });
    }

    @Test
    void an_updated_customer_carries_name_and_email() {
        ObjectNode customer = FakeStripeApi.fixture("customer");
        customer.put("id", "cus_acme");
        customer.put("name", "Acme GmbH");
        customer.put("email", "ap@acme.test");

        assertThat(verify(event("customer.updated", customer))).isInstanceOfSatisfying(ProviderEvent.CustomerUpdated.class, u -> {
            assertThat(u.customer()).isEqualTo("cus_acme");
            assertThat(u.name()).contains("Acme GmbH");
            assertThat(u.email()).contains("ap@acme.test");
        });
    }

    @Test
    void an_unknown_event_type_is_not_acted_on_and_keeps_its_id_and_object() {
        String payload = FakeStripeApi.fixture("event").toString(); // plan.created, api_version null

        ProviderEvent event = verify(payload);

        assertThat(event).isInstanceOf(ProviderEvent.NotActedOn.class);
        assertThat(event.id()).isEqualTo("evt_1Pgc76B7WZ01zgkWwyRHS12y");
        assertThat(event.objectId()).isEqualTo("price_1PgafmB7WZ01zgkW6dKueIc5");
        assertThat(event.createdAt()).isEqualTo(Instant.ofEpochSecond(1_234_567_890L));
    }

    @Test
    void an_event_of_another_api_version_is_deserialized_deliberately() {
        ObjectNode invoice = invoice();
        invoice.put("attempt_count", 2);
        ProviderEvent event = verify(event("invoice.payment_failed", invoice, "2024-06-20"));

        assertThat(event).isInstanceOfSatisfying(ProviderEvent.PaymentFailed.class,
                failed -> assertThat(failed.attemptCount()).hasValue(2));
    }

    @Test
    void an_event_without_api_version_is_mapped_too() {
        ProviderEvent event = verify(event("invoice.finalized", invoice(), null));

        assertThat(event.providerCustomer()).contains("cus_acme");
    }

    @Test
    void one_valid_signature_among_several_is_enough_as_during_secret_rotation() {
        String payload = event("invoice.created", invoice());
        long t = NOW.getEpochSecond();
        String header = sign(payload, "whsec_old", t) + ",v1=" + sign(payload, SECRET, t).split("v1=")[1];

        assertThat(verifier.verify(payload, header)).isInstanceOf(ProviderEvent.InvoiceSynced.class);
    }

    // --- rejection

    @Test
    void a_tampered_body_is_unauthenticated() {
        String payload = event("invoice.payment_succeeded", invoice());
        String header = signedNow(payload);

        assertThat(codeOf(() -> verifier.verify(payload.replace("49900", "1"), header))).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void a_signature_with_another_secret_is_unauthenticated() {
        String payload = event("invoice.payment_succeeded", invoice());

        assertThat(codeOf(() -> verifier.verify(payload, sign(payload, "whsec_someone_else", NOW.getEpochSecond()))))
                .isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void a_signature_older_than_the_tolerance_is_unauthenticated() {
        String payload = event("invoice.payment_succeeded", invoice());

        assertThat(codeOf(() -> verifier.verify(payload, sign(payload, SECRET, NOW.getEpochSecond() - 301))))
                .isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(verifier.verify(payload, sign(payload, SECRET, NOW.getEpochSecond() - 299)).id()).isEqualTo("evt_billkit_1");
    }

    @Test
    void a_signature_further_in_the_future_than_the_tolerance_is_unauthenticated() {
        String payload = event("invoice.payment_succeeded", invoice());

        assertThat(codeOf(() -> verifier.verify(payload, sign(payload, SECRET, NOW.getEpochSecond() + 600))))
                .isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(codeOf(() -> verifier.verify(payload, sign(payload, SECRET, NOW.getEpochSecond() + 301))))
                .isEqualTo(ErrorCode.UNAUTHENTICATED);
        // a second, future t= beside a valid one does not slip through either
        String header = sign(payload, SECRET, NOW.getEpochSecond()) + ",t=" + (NOW.getEpochSecond() + 3_600);
        assertThat(codeOf(() -> verifier.verify(payload, header))).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(verifier.verify(payload, sign(payload, SECRET, NOW.getEpochSecond() + 299)).id()).isEqualTo("evt_billkit_1");
    }

    @Test
    void a_missing_or_malformed_header_is_unauthenticated() {
        String payload = event("invoice.payment_succeeded", invoice());

        assertThat(codeOf(() -> verifier.verify(payload, null))).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(codeOf(() -> verifier.verify(payload, "  "))).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(codeOf(() -> verifier.verify(payload, "garbage"))).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(codeOf(() -> verifier.verify(payload, "t=" + NOW.getEpochSecond()))).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"hello\":\"world\"}", "not json at all", "[1,2,3]", "{\"id\":\"evt_1\",\"object\":\"customer\",\"type\":\"x\",\"created\":1,\"data\":{\"object\":{\"id\":\"c\"}}}"})
    void a_correctly_signed_body_that_is_not_an_event_is_invalid(String payload) {
        assertThat(codeOf(() -> verify(payload))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void a_signed_event_whose_data_has_no_object_is_invalid_not_a_crash() {
        // found by StripeWebhookFuzzTest (crash-signed-event-whose-data-has-no-object): a NullPointerException in stripe-java
        for (String payload : java.util.List.of(
                "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"charge.refunded\",\"created\":1,\"data\":{}}",
                "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"charge.refunded\",\"created\":1,\"data\":{\"object\":null}}",
                "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"charge.refunded\",\"created\":1,\"data\":{o\"bject\":{\"id\":\"ch_1\"}}}")) {
            assertThat(codeOf(() -> verify(payload))).as(payload).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {99_999_999_999_999_999L, Long.MAX_VALUE, -1L, 253_402_300_800L})
    void a_signed_event_created_outside_1970_to_9999_is_invalid_not_a_crash(long created) {
        // found by StripeWebhookFuzzTest in CI (crash-signed-event-created-beyond-the-last-instant): DateTimeException, a 500
        String payload = event("invoice.payment_succeeded", invoice()).replaceFirst("\"created\":\\s*\\d+", "\"created\":" + created);

        assertThat(payload).contains("\"created\":" + created);
        assertThat(codeOf(() -> verify(payload))).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }

    @Test
    void a_tolerance_below_one_second_is_refused_because_stripe_java_would_skip_the_timestamp_check() {
        assertThatThrownBy(() -> new StripeWebhookVerifier(SECRET, CONFIG, Duration.ZERO, StripeTestSupport.CLOCK))
                .isInstanceOf(BillingException.class)
                .hasMessageContaining("tolerance");
    }
}
