package io.billkit.adapter.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.Stripe;
import io.billkit.application.port.in.ProviderEvent;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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

    // --- mapping

    @ParameterizedTest
    @ValueSource(strings = {"invoice.created", "invoice.finalized", "invoice.payment_succeeded", "invoice.payment_failed"})
    void invoice_events_carry_customer_invoice_subscription_status_and_amount(String type) {
        ProviderEvent event = verify(event(type, invoice()));

        assertThat(event.id()).isEqualTo("evt_billkit_1");
        assertThat(event.type()).isEqualTo(type);
        assertThat(event.createdAt()).isEqualTo(NOW.minusSeconds(60));
        assertThat(event.objectId()).isEqualTo("in_jan");
        assertThat(event.data()).containsExactlyInAnyOrderEntriesOf(Map.of(
                ProviderEvent.CUSTOMER, "cus_acme",
                ProviderEvent.INVOICE, "in_jan",
                ProviderEvent.SUBSCRIPTION, "sub_acme",
                ProviderEvent.STATUS, "paid",
                ProviderEvent.AMOUNT_MINOR, "49900",
                ProviderEvent.CURRENCY, "usd"));
    }

    @Test
    void a_yen_invoice_reports_whole_yen_as_minor_units() {
        ObjectNode invoice = invoice();
        invoice.put("currency", "jpy");
        invoice.put("total", 15_000L);

        ProviderEvent event = verify(event("invoice.payment_succeeded", invoice));

        assertThat(event.get(ProviderEvent.AMOUNT_MINOR)).contains("15000");
        assertThat(event.get(ProviderEvent.CURRENCY)).contains("jpy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"customer.subscription.created", "customer.subscription.updated", "customer.subscription.trial_will_end"})
    void subscription_events_map_the_price_back_to_the_plan(String type) {
        ProviderEvent event = verify(event(type, subscription("price_apex_growth", "active", true)));

        assertThat(event.objectId()).isEqualTo("sub_acme");
        assertThat(event.data()).containsExactlyInAnyOrderEntriesOf(Map.of(
                ProviderEvent.CUSTOMER, "cus_acme",
                ProviderEvent.SUBSCRIPTION, "sub_acme",
                ProviderEvent.STATUS, "active",
                ProviderEvent.PLAN, "growth",
                ProviderEvent.CANCEL_AT_PERIOD_END, "true"));
    }

    @Test
    void a_deleted_subscription_is_canceled() {
        ProviderEvent event = verify(event("customer.subscription.deleted", subscription("price_apex_starter", "canceled", false)));

        assertThat(event.get(ProviderEvent.STATUS)).contains("canceled");
        assertThat(event.get(ProviderEvent.PLAN)).contains("starter");
        assertThat(event.get(ProviderEvent.CANCEL_AT_PERIOD_END)).contains("false");
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
        assertThat(event.data()).containsExactlyInAnyOrderEntriesOf(Map.of(
                ProviderEvent.CUSTOMER, "cus_acme",
                ProviderEvent.SUBSCRIPTION, "sub_acme",
                ProviderEvent.STATUS, "complete",
                ProviderEvent.MODE, "subscription",
                ProviderEvent.PLAN, "growth",
                ProviderEvent.CLIENT_REFERENCE, "cust-acme"));
    }

    @Test
    void a_completed_credit_pack_checkout_names_the_pack_and_its_price() {
        ObjectNode session = FakeStripeApi.fixture("checkout.session");
        session.put("id", "cs_test_2");
        session.put("mode", "payment");
        session.put("status", "complete");
        session.put("customer", "cus_acme");
        session.put("amount_total", 9_000L);
        session.put("currency", "usd");
        ((ObjectNode) session.get("metadata")).put("credit_product", "pack_10k");

        ProviderEvent event = verify(event("checkout.session.completed", session));

        assertThat(event.get(ProviderEvent.MODE)).contains("payment");
        assertThat(event.get(ProviderEvent.CREDIT_PRODUCT)).contains("pack_10k");
        assertThat(event.get(ProviderEvent.AMOUNT_MINOR)).contains("9000");
        assertThat(event.get(ProviderEvent.CURRENCY)).contains("usd");
        assertThat(event.get(ProviderEvent.SUBSCRIPTION)).isEmpty();
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
        assertThat(event.data()).containsEntry(ProviderEvent.CUSTOMER, "cus_acme")
                .containsEntry(ProviderEvent.AMOUNT_MINOR, "10000")
                .containsEntry(ProviderEvent.CURRENCY, "usd")
                .containsEntry(ProviderEvent.STATUS, "succeeded");
    }

    @ParameterizedTest
    @ValueSource(strings = {"payment_intent.succeeded", "payment_intent.payment_failed"})
    void payment_intent_events_carry_amount_status_and_credit_product(String type) {
        ObjectNode intent = FakeStripeApi.fixture("payment_intent");
        intent.put("customer", "cus_acme");
        intent.put("amount", 9_000L);
        intent.put("status", type.endsWith("succeeded") ? "succeeded" : "requires_payment_method");
        ((ObjectNode) intent.get("metadata")).put("credit_product", "pack_10k");

        ProviderEvent event = verify(event(type, intent));

        assertThat(event.objectId()).isEqualTo("pi_1PgafyB7WZ01zgkWSjxsAJo3");
        assertThat(event.data()).containsEntry(ProviderEvent.CUSTOMER, "cus_acme")
                .containsEntry(ProviderEvent.AMOUNT_MINOR, "9000")
                .containsEntry(ProviderEvent.CREDIT_PRODUCT, "pack_10k")
                .containsEntry(ProviderEvent.STATUS, type.endsWith("succeeded") ? "succeeded" : "requires_payment_method");
    }

    @Test
    void an_unknown_event_type_keeps_its_type_and_object_id() {
        String payload = FakeStripeApi.fixture("event").toString(); // plan.created, api_version null

        ProviderEvent event = verify(payload);

        assertThat(event.type()).isEqualTo("plan.created");
        assertThat(event.id()).isEqualTo("evt_1Pgc76B7WZ01zgkWwyRHS12y");
        assertThat(event.objectId()).isEqualTo("price_1PgafmB7WZ01zgkW6dKueIc5");
        assertThat(event.createdAt()).isEqualTo(Instant.ofEpochSecond(1_234_567_890L));
        assertThat(event.data()).isEmpty();
    }

    @Test
    void an_event_of_another_api_version_is_deserialized_deliberately() {
        ProviderEvent event = verify(event("invoice.payment_failed", invoice(), "2024-06-20"));

        assertThat(event.get(ProviderEvent.INVOICE)).contains("in_jan");
        assertThat(event.get(ProviderEvent.AMOUNT_MINOR)).contains("49900");
    }

    @Test
    void an_event_without_api_version_is_mapped_too() {
        ProviderEvent event = verify(event("invoice.finalized", invoice(), null));

        assertThat(event.get(ProviderEvent.CUSTOMER)).contains("cus_acme");
    }

    @Test
    void one_valid_signature_among_several_is_enough_as_during_secret_rotation() {
        String payload = event("invoice.created", invoice());
        long t = NOW.getEpochSecond();
        String header = sign(payload, "whsec_old", t) + ",v1=" + sign(payload, SECRET, t).split("v1=")[1];

        assertThat(verifier.verify(payload, header).type()).isEqualTo("invoice.created");
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

    @Test
    void a_tolerance_below_one_second_is_refused_because_stripe_java_would_skip_the_timestamp_check() {
        assertThatThrownBy(() -> new StripeWebhookVerifier(SECRET, CONFIG, Duration.ZERO, StripeTestSupport.CLOCK))
                .isInstanceOf(BillingException.class)
                .hasMessageContaining("tolerance");
    }
}
