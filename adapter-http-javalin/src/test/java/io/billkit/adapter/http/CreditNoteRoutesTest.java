package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.usage.RecordUsageCommand;
import io.billkit.application.port.in.usage.UsageEventInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credit notes over HTTP, on acme's real March invoice (apex Scale from 2026-03-10: base fee 1,999.00 and 100.00 API
 * calls overage, no tax, total 2,099.00, OPEN) and globex's.
 */
class CreditNoteRoutesTest {
    private static TestServer api;
    private static String acmeInvoice;
    private static String globexInvoice;

    @BeforeAll
    static void start() {
        api = TestServer.builder().clock("2026-03-10T12:00:00Z").renderer(new InvoiceRoutesTest.StubPdfRenderer()).start();
        api.subscribe(TestServer.ACME, "scale");
        api.subscribe(TestServer.GLOBEX, "scale");
        api.clock.set(Instant.parse("2026-03-20T11:00:00Z"));
        api.services.recordUsage().record(RecordUsageCommand.single(new UsageEventInput("calls-1", TestServer.ACME,
                "api_calls", new BigDecimal("6000000"), Instant.parse("2026-03-20T10:00:00Z"), Map.of()), Actor.system()));
        api.clock.set(Instant.parse("2026-04-10T14:00:00Z"));
        HttpResponse<String> closed = api.post("/api/v1/admin/periods/close", "", api.admin());
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        acmeInvoice = api.body(api.get("/api/v1/billing/invoices", api.member())).get("items").get(0).get("id").asText();
        globexInvoice = api.body(api.get("/api/v1/billing/invoices?customerId=globex", api.admin()))
                .get("items").get(0).get("id").asText();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    private static HttpResponse<String> issue(String invoice, String body, String... extraHeaders) {
        String[] headers = new String[2 + extraHeaders.length];
        System.arraycopy(api.admin(), 0, headers, 0, 2);
        System.arraycopy(extraHeaders, 0, headers, 2, extraHeaders.length);
        return api.post("/api/v1/admin/invoices/" + invoice + "/credit-notes", body, headers);
    }

    @Test
    void an_admin_credits_part_of_a_line_to_the_balance_once_per_idempotency_key_and_the_member_reads_it() {
        String body = "{\"lines\":[{\"line\":1,\"amount\":\"40.00\"}],\"reason\":\"product_unsatisfactory\","
                + "\"memo\":\"outage on March 20\",\"settlement\":\"customer_balance\"}";
        HttpResponse<String> created = issue(acmeInvoice, body, "Idempotency-Key", "cn-acme-march-1");
        HttpResponse<String> retried = issue(acmeInvoice, body, "Idempotency-Key", "cn-acme-march-1");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode note = api.body(created);
        assertThat(note.get("number").asText()).matches("CN-2026-\\d{6}");
        assertThat(note.get("total").toString()).isEqualTo("{\"amount\":\"40.00\",\"currency\":\"USD\"}");
        assertThat(note.get("settlement").asText()).isEqualTo("customer_balance");
        assertThat(note.get("refundState").asText()).isEqualTo("not_refunded");
        assertThat(note.get("lines").get(0).get("line").asInt()).isEqualTo(1);
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(api.body(retried).get("id").asText()).isEqualTo(note.get("id").asText());

        JsonNode listed = api.body(api.get("/api/v1/billing/invoices/" + acmeInvoice + "/credit-notes", api.member()));
        assertThat(listed.get("items")).hasSize(1);
        assertThat(api.body(api.get("/api/v1/billing/credit-notes", api.member())).get("items")).hasSize(1);
        String id = note.get("id").asText();
        HttpResponse<String> one = api.get("/api/v1/billing/credit-notes/" + id, api.member());
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(api.body(one).get("remainingOnInvoice").get("amount").asText()).isEqualTo("2059.00");
        HttpResponse<byte[]> pdf = api.getBytes("/api/v1/billing/credit-notes/" + id + "/pdf", api.member());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow())
                .contains(note.get("number").asText() + ".pdf");
        JsonNode balance = api.body(api.get("/api/v1/billing/balance?currency=USD", api.member()));
        assertThat(balance.get("balance").get("amount").asText()).isEqualTo("40.00");
    }

    @Test
    void over_credit_unpaid_refund_bad_input_and_foreign_invoices_are_clean_problems() {
        HttpResponse<String> over = issue(acmeInvoice,
                "{\"lines\":[{\"line\":1,\"amount\":\"100.01\"}],\"reason\":\"other\",\"settlement\":\"customer_balance\"}");
        assertThat(over.statusCode()).as(over.body()).isEqualTo(409);
        assertThat(over.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(api.body(over).get("type").asText()).isEqualTo("https://billkit.io/problems/credit-exceeds-invoice");

        HttpResponse<String> unpaid = issue(acmeInvoice, "{\"reason\":\"duplicate\",\"settlement\":\"refund\"}");
        assertThat(unpaid.statusCode()).isEqualTo(409);
        assertThat(api.body(unpaid).get("type").asText()).isEqualTo("https://billkit.io/problems/illegal-transition");

        HttpResponse<String> reason = issue(acmeInvoice, "{\"reason\":\"bored\",\"settlement\":\"refund\"}");
        HttpResponse<String> line = issue(acmeInvoice,
                "{\"lines\":[{\"line\":9}],\"reason\":\"other\",\"settlement\":\"customer_balance\"}");
        HttpResponse<String> cents = issue(acmeInvoice,
                "{\"lines\":[{\"line\":1,\"amount\":\"1.005\"}],\"reason\":\"other\",\"settlement\":\"customer_balance\"}");
        assertThat(reason.statusCode()).isEqualTo(400);
        assertThat(api.body(reason).get("field").asText()).isEqualTo("reason");
        assertThat(line.statusCode()).isEqualTo(400);
        assertThat(api.body(line).get("field").asText()).isEqualTo("lines[0].line");
        assertThat(cents.statusCode()).isEqualTo(400);
        assertThat(api.body(cents).get("field").asText()).isEqualTo("lines[0].amount");

        HttpResponse<String> foreign = api.post("/api/v1/admin/invoices/" + acmeInvoice + "/credit-notes?customerId=globex",
                "{\"reason\":\"other\",\"settlement\":\"customer_balance\"}", api.admin());
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/billing/invoices/" + globexInvoice + "/credit-notes", api.member()).statusCode())
                .isEqualTo(404);
        HttpResponse<String> asMember = api.post("/api/v1/admin/invoices/" + acmeInvoice + "/credit-notes",
                "{\"reason\":\"other\",\"settlement\":\"customer_balance\"}", api.member());
        assertThat(asMember.statusCode()).isEqualTo(403);
        assertThat(api.body(api.get("/api/v1/billing/invoices/" + globexInvoice + "/credit-notes?customerId=globex",
                api.admin())).get("items")).isEmpty();
    }
}
