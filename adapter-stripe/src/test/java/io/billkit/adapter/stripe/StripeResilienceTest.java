package io.billkit.adapter.stripe;

import io.billkit.adapter.stripe.FakeStripeApi.Recorded;
import io.billkit.application.port.out.provider.ProviderCustomer;
import io.billkit.application.port.out.provider.ProviderInvoice;
import io.billkit.application.port.out.provider.ProviderInvoiceItem;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.money.Money;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.billkit.adapter.stripe.StripeTestSupport.codeOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Retries, timeouts and error mapping: every retry carries the same Idempotency-Key and takes effect at most once. */
class StripeResilienceTest {

    private FakeStripeApi fake;
    private StripeConfig config;
    private StripePaymentProvider stripe;

    @BeforeEach
    void start() {
        fake = FakeStripeApi.start();
        config = StripeTestSupport.config(fake); // maxNetworkRetries = 1
        stripe = StripeTestSupport.provider(config);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    private static void assertOneKey(List<Recorded> attempts, String key) {
        assertThat(attempts).hasSize(2);
        assertThat(attempts).extracting(Recorded::idempotencyKey).containsOnly(key);
    }

    @Test
    void a_500_then_200_is_retried_with_the_same_key_and_takes_effect_once() {
        fake.failNext("POST", "/v1/customers", 500, FakeStripeApi.error("api_error", null, "An unknown error occurred"));

        ProviderCustomer customer = stripe.createCustomer("cust-acme", "Acme Ltd", "billing@acme.test", "customer-acme");

        assertOneKey(fake.requests("POST", "/v1/customers"), "customer.create:customer-acme");
        assertThat(fake.effects("POST", "/v1/customers")).isEqualTo(1);
        assertThat(fake.customers).containsOnlyKeys(customer.id());
    }

    @Test
    void a_payment_whose_response_was_lost_is_replayed_not_charged_again() {
        ProviderCustomer customer = stripe.createCustomer("cust-acme", "Acme Ltd", "billing@acme.test", "customer-acme");
        StripeTestSupport.giveDefaultCard(fake, customer.id());
        ProviderInvoice open = stripe.createInvoice(customer.id(),
                List.of(new ProviderInvoiceItem("Growth plan", Money.of("499.00", "USD"))), LocalDate.of(2026, 2, 14), Map.of(), "close-1");
        fake.loseNextResponse("POST", "/v1/invoices/.*/pay");

        ProviderInvoice paid = stripe.payInvoice(open.id(), "pay-1");

        assertOneKey(fake.requests("POST", "/v1/invoices/.*/pay"), "invoice.pay:pay-1");
        assertThat(fake.effects("POST", "/v1/invoices/([^/]+)/pay")).isEqualTo(1);
        assertThat(paid.status()).isEqualTo(io.billkit.application.port.out.provider.ProviderInvoiceStatus.PAID);
        assertThat(paid.amountPaid()).isEqualTo(Money.of("499.00", "USD"));
    }

    @Test
    void a_read_timeout_is_retried_with_the_same_key_and_the_subscription_exists_once() {
        stripe = StripeTestSupport.provider(config.withNetwork(Duration.ofSeconds(2), Duration.ofMillis(300), 1));
        ProviderCustomer customer = stripe.createCustomer("cust-acme", "Acme Ltd", "billing@acme.test", "customer-acme");
        fake.delayNext("POST", "/v1/subscriptions", Duration.ofMillis(1500));

        stripe.createSubscription(customer.id(), PlanCode.of("growth"), Optional.empty(), "sub-1");

        assertOneKey(fake.requests("POST", "/v1/subscriptions"), "subscription.create:sub-1");
        assertThat(fake.effects("POST", "/v1/subscriptions")).isEqualTo(1);
        assertThat(fake.subscriptions).hasSize(1);
    }

    @Test
    void a_429_is_retried_by_the_adapter_with_the_same_key() {
        fake.failNext("POST", "/v1/billing/meter_events", 429, FakeStripeApi.error("invalid_request_error", "rate_limit", "Too many requests"));

        stripe.recordUsage("cus_1", io.billkit.domain.catalog.seed.SeedCatalogs.API_CALLS, java.math.BigDecimal.ONE,
                StripeTestSupport.NOW, "evt-1");

        assertOneKey(fake.requests("POST", "/v1/billing/meter_events"), "billing.meter_event:evt-1");
        assertThat(fake.meterEvents).hasSize(1);
    }

    @Test
    void a_429_that_persists_is_provider_unavailable() {
        for (int i = 0; i < 2; i++) {
            fake.failNext("POST", "/v1/customers", 429, FakeStripeApi.error("invalid_request_error", "rate_limit", "Too many requests"));
        }

        assertThat(codeOf(() -> stripe.createCustomer("cust-acme", "Acme", "a@acme.test", "k1"))).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(fake.requests("POST", "/v1/customers")).hasSize(2);
    }

    @Test
    void a_5xx_that_persists_after_the_retries_is_provider_unavailable_and_nothing_happened() {
        for (int i = 0; i < 2; i++) {
            fake.failNext("POST", "/v1/customers", 503, FakeStripeApi.error("api_error", null, "Service unavailable"));
        }

        assertThat(codeOf(() -> stripe.createCustomer("cust-acme", "Acme", "a@acme.test", "k1"))).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(fake.requests("POST", "/v1/customers")).hasSize(2);
        assertThat(fake.customers).isEmpty();
    }

    @Test
    void an_unreachable_stripe_is_provider_unavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        StripePaymentProvider unreachable = StripeTestSupport.provider(config.withApiBase("http://127.0.0.1:" + closedPort));

        assertThat(codeOf(() -> unreachable.createCustomer("cust-acme", "Acme", "a@acme.test", "k1"))).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(codeOf(() -> unreachable.updateCustomer("cus_1", "Acme", "a@acme.test", "k2"))).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
    }

    @Test
    void a_rejected_api_key_is_provider_unavailable_and_not_retried() {
        fake.failNext("POST", "/v1/customers/.*", 401, FakeStripeApi.error("invalid_request_error", null, "Invalid API Key provided"));

        assertThat(codeOf(() -> stripe.updateCustomer("cus_1", "Acme", "a@acme.test", "rename-1"))).isEqualTo(ErrorCode.PROVIDER_UNAVAILABLE);
        assertThat(fake.requests("POST", "/v1/customers/.*")).hasSize(1);
    }

    @Test
    void the_same_port_call_twice_with_the_same_key_creates_one_customer() {
        ProviderCustomer first = stripe.createCustomer("cust-acme", "Acme Ltd", "billing@acme.test", "customer-acme");
        ProviderCustomer again = stripe.createCustomer("cust-acme", "Acme Ltd", "billing@acme.test", "customer-acme");

        assertThat(again).isEqualTo(first);
        assertThat(fake.effects("POST", "/v1/customers")).isEqualTo(1);
    }

    @Test
    void a_key_reused_with_other_parameters_is_idempotency_key_reused() {
        stripe.createCustomer("cust-acme", "Acme Ltd", "billing@acme.test", "customer-acme");

        assertThat(codeOf(() -> stripe.createCustomer("cust-other", "Other", "o@other.test", "customer-acme")))
                .isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED);
    }

    @Test
    void one_billkit_key_used_for_two_stripe_operations_does_not_collide() {
        ProviderCustomer customer = stripe.createCustomer("cust-acme", "Acme Ltd", "billing@acme.test", "subscribe-acme-growth");

        stripe.createSubscription(customer.id(), PlanCode.of("growth"), Optional.empty(), "subscribe-acme-growth");

        assertThat(fake.subscriptions).hasSize(1);
    }
}
