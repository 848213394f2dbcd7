package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.billkit.application.inmemory.MockPaymentProvider;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.Actor;
import io.billkit.domain.BillingException;
import io.billkit.domain.invoice.InvoiceId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.http.HttpResponse;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dunning over HTTP: a failed payment of ACME's March invoice, read and acted on through the routes. */
@TestMethodOrder(MethodOrderer.MethodName.class) // the second test recovers the case the first one reads
class DunningRoutesTest {
    private static TestServer api;
    private static InvoiceId invoice;

    @BeforeAll
    static void start() {
        api = TestServer.builder().clock("2026-03-01T10:00:00Z").start();
        MockPaymentProvider provider = (MockPaymentProvider) api.ports.paymentProvider();
        provider.onEvent(api.services.handleProviderEvent()::handle);
        api.subscribe(TestServer.ACME, "scale");
        api.customer(TestServer.GLOBEX);
        api.clock.set(Instant.parse("2026-04-01T11:00:00Z"));
        invoice = api.services.closePeriod().close(new ClosePeriodCommand(Actor.of("test"))).created().get(0);
        String providerInvoice = api.services.invoice().get(new io.billkit.application.port.in.invoice.GetInvoiceQuery(
                invoice, java.util.Optional.empty())).providerInvoiceId().orElseThrow();
        provider.failNextPayments(2);
        assertThatThrownBy(() -> provider.payInvoice(providerInvoice, "autopay")).isInstanceOf(BillingException.class);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void a_member_reads_its_dunning_state_and_an_admin_any_customers() {
        HttpResponse<String> own = api.get("/api/v1/billing/dunning", api.member());
        assertThat(own.statusCode()).isEqualTo(200);
        JsonNode body = api.body(own);
        assertThat(body.get("pastDue").asBoolean()).isTrue();
        assertThat(body.get("subscriptionStatus").asText()).isEqualTo("PAST_DUE");
        assertThat(body.get("nextRetryAt").asText()).isEqualTo("2026-04-04T11:00:00Z");
        JsonNode c = body.get("cases").get(0);
        assertThat(c.get("invoiceId").asText()).isEqualTo(invoice.value());
        assertThat(c.get("status").asText()).isEqualTo("RETRYING");
        assertThat(c.get("retries").asInt()).isEqualTo(3);
        assertThat(c.get("finalAction").asText()).isEqualTo("CANCEL");

        HttpResponse<String> other = api.get("/api/v1/billing/dunning?customerId=globex", api.admin());
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(api.body(other).get("pastDue").asBoolean()).isFalse();
        assertThat(api.body(other).get("cases")).isEmpty();
        assertThat(api.get("/api/v1/billing/dunning?customerId=globex", api.member()).statusCode()).isEqualTo(403);
    }

    @Test
    void admin_retry_now_is_a_member_forbidden_and_unknown_invoices_are_404() {
        String path = "/api/v1/admin/invoices/" + invoice.value() + "/dunning/retry";
        assertThat(api.post(path, "", append(api.member(), "Idempotency-Key", "retry-member")).statusCode()).isEqualTo(403);
        assertThat(api.post("/api/v1/admin/invoices/inv_none/dunning/stop", "",
                append(api.admin(), "Idempotency-Key", "stop-none")).statusCode()).isEqualTo(404);

        HttpResponse<String> retried = api.post(path, "", append(api.admin(), "Idempotency-Key", "retry-1"));
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(api.body(retried).get("retriesMade").asInt()).isEqualTo(1);
        assertThat(api.body(retried).get("attempts").get(0).get("outcome").asText()).isEqualTo("FAILED");
        HttpResponse<String> replay = api.post(path, "", append(api.admin(), "Idempotency-Key", "retry-1"));
        assertThat(api.body(replay).get("retriesMade").asInt()).as("the key replays the first answer").isEqualTo(1);

        HttpResponse<String> paid = api.post(path, "", append(api.admin(), "Idempotency-Key", "retry-2"));
        assertThat(api.body(paid).get("status").asText()).isEqualTo("RECOVERED");
        assertThat(api.body(api.get("/api/v1/billing/dunning", api.member())).get("subscriptionStatus").asText())
                .isEqualTo("ACTIVE");
        assertThat(api.post("/api/v1/admin/invoices/" + invoice.value() + "/dunning/stop", "",
                append(api.admin(), "Idempotency-Key", "stop-late")).statusCode()).isEqualTo(409);
    }

    private static String[] append(String[] headers, String... more) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }
}
