package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.usage.RecordUsageCommand;
import io.billkit.application.port.in.usage.UsageEventInput;
import io.billkit.application.port.out.InvoiceDocument;
import io.billkit.application.port.out.InvoiceRenderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invoices after a real period close: acme and globex on apex Scale from 2026-03-10, 6,000,000 API calls for
 * acme (1,000,000 over the 5,000,000 allowance at USD 0.10 per 1,000 = USD 100.00), closed on 2026-04-10.
 */
class InvoiceRoutesTest {
    /** Stands in for the PDF adapter (which the HTTP adapter may not depend on): deterministic bytes. */
    static final class StubPdfRenderer implements InvoiceRenderer {
        @Override
        public byte[] render(InvoiceDocument document) {
            return ("%PDF-1.7 stub " + document.number() + " " + document.status()).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String mediaType() {
            return "application/pdf";
        }
    }

    private static TestServer api;
    private static String acmeInvoice;
    private static String globexInvoice;

    @BeforeAll
    static void start() {
        api = TestServer.builder().clock("2026-03-10T12:00:00Z").renderer(new StubPdfRenderer()).start();
        api.subscribe(TestServer.ACME, "scale");
        api.subscribe(TestServer.GLOBEX, "scale");
        api.clock.set(Instant.parse("2026-03-20T11:00:00Z"));
        api.services.recordUsage().record(RecordUsageCommand.single(new UsageEventInput("calls-1", TestServer.ACME,
                "api_calls", new BigDecimal("6000000"), Instant.parse("2026-03-20T10:00:00Z"), Map.of()), Actor.system()));
        api.clock.set(Instant.parse("2026-04-10T14:00:00Z"));

        HttpResponse<String> closed = api.post("/api/v1/admin/periods/close", "", api.admin());
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        assertThat(api.body(closed).get("created")).hasSize(2);

        acmeInvoice = api.body(api.get("/api/v1/billing/invoices", api.member())).get("items").get(0).get("id").asText();
        globexInvoice = api.body(api.get("/api/v1/billing/invoices?customerId=globex", api.admin()))
                .get("items").get(0).get("id").asText();
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void a_member_lists_its_invoices_with_money_as_decimal_strings() {
        HttpResponse<String> response = api.get("/api/v1/billing/invoices?page=1&limit=10", api.member());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode page = api.body(response);
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("page").asInt()).isEqualTo(1);
        JsonNode invoice = page.get("items").get(0);
        assertThat(invoice.get("customerId").asText()).isEqualTo("acme");
        assertThat(invoice.get("status").asText()).isEqualTo("OPEN");
        assertThat(invoice.get("periodStart").asText()).isEqualTo("2026-03-10");
        assertThat(invoice.get("number").asText()).startsWith("INV-");
        assertThat(invoice.get("total").toString()).isEqualTo("{\"amount\":\"2099.00\",\"currency\":\"USD\"}");
        assertThat(invoice.get("pdf").asText()).isEqualTo("/api/v1/billing/invoices/" + acmeInvoice + "/pdf");
    }

    @Test
    void filters_apply_and_bad_paging_names_the_parameter() {
        assertThat(api.body(api.get("/api/v1/billing/invoices?status=paid", api.member())).get("total").asLong())
                .isZero();
        assertThat(api.body(api.get("/api/v1/billing/invoices?status=OPEN&from=2026-03-01&to=2026-03-31",
                api.member())).get("total").asLong()).isEqualTo(1);

        HttpResponse<String> zero = api.get("/api/v1/billing/invoices?limit=0", api.member());
        HttpResponse<String> tooMany = api.get("/api/v1/billing/invoices?limit=101", api.member());
        HttpResponse<String> status = api.get("/api/v1/billing/invoices?status=lost", api.member());
        HttpResponse<String> page = api.get("/api/v1/billing/invoices?page=first", api.member());

        assertThat(List.of(zero, tooMany, status, page)).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(400));
        assertThat(api.body(zero).get("field").asText()).isEqualTo("limit");
        assertThat(api.body(tooMany).get("field").asText()).isEqualTo("limit");
        assertThat(api.body(status).get("field").asText()).isEqualTo("status");
        assertThat(api.body(page).get("field").asText()).isEqualTo("page");
    }

    @Test
    void one_invoice_has_its_lines_and_the_overage() {
        HttpResponse<String> response = api.get("/api/v1/billing/invoices/" + acmeInvoice, api.member());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode lines = api.body(response).get("lines");
        assertThat(lines.findValuesAsText("kind")).contains("base_fee", "usage");
        for (JsonNode line : lines) {
            if (line.path("meter").asText().equals("api_calls")) {
                assertThat(line.get("amount").get("amount").asText()).isEqualTo("100.00");
            }
        }
    }

    @Test
    void another_customers_invoice_is_404_for_a_member_and_visible_to_an_admin() {
        HttpResponse<String> foreign = api.get("/api/v1/billing/invoices/" + globexInvoice, api.member());
        HttpResponse<String> foreignPdf = api.get("/api/v1/billing/invoices/" + globexInvoice + "/pdf", api.member());
        HttpResponse<String> asAdmin = api.get("/api/v1/billing/invoices/" + globexInvoice, api.admin());

        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(api.body(foreign).get("type").asText()).isEqualTo("https://billkit.io/problems/not-found");
        assertThat(foreignPdf.statusCode()).isEqualTo(404);
        assertThat(asAdmin.statusCode()).isEqualTo(200);
        assertThat(api.body(asAdmin).get("customerId").asText()).isEqualTo("globex");
    }

    @Test
    void the_pdf_is_an_attachment_named_after_the_number_with_a_strong_etag() {
        String number = api.body(api.get("/api/v1/billing/invoices/" + acmeInvoice, api.member())).get("number").asText();

        HttpResponse<byte[]> pdf = api.getBytes("/api/v1/billing/invoices/" + acmeInvoice + "/pdf", api.member());

        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).contains("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment; filename=\"" + number + ".pdf\"");
        String etag = pdf.headers().firstValue("ETag").orElseThrow();
        assertThat(etag).startsWith("\"").endsWith("\"").doesNotStartWith("W/");
        assertThat(new String(pdf.body(), StandardCharsets.UTF_8)).startsWith("%PDF-1.7 stub " + number);
    }

    @Test
    void if_none_match_with_the_etag_answers_304_without_a_body() {
        String etag = api.getBytes("/api/v1/billing/invoices/" + acmeInvoice + "/pdf", api.member())
                .headers().firstValue("ETag").orElseThrow();
        String[] member = api.member();

        HttpResponse<byte[]> notModified = api.getBytes("/api/v1/billing/invoices/" + acmeInvoice + "/pdf",
                member[0], member[1], "If-None-Match", etag);
        HttpResponse<byte[]> changed = api.getBytes("/api/v1/billing/invoices/" + acmeInvoice + "/pdf",
                member[0], member[1], "If-None-Match", "\"something-else\"");

        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.headers().firstValue("ETag")).contains(etag);
        assertThat(changed.statusCode()).isEqualTo(200);
    }

    @Test
    void invoices_need_a_session() {
        assertThat(api.get("/api/v1/billing/invoices").statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/billing/invoices/" + acmeInvoice + "/pdf").statusCode()).isEqualTo(401);
    }

    private static RawHttp.Response raw(String method, String path, String headers) {
        return RawHttp.send(api.server.port(), method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers
                + "Connection: close\r\n\r\n", new byte[0]);
    }

    @Test
    void head_on_the_pdf_answers_like_get_without_the_body() {
        String path = "/api/v1/billing/invoices/" + acmeInvoice + "/pdf";
        HttpResponse<byte[]> get = api.getBytes(path, api.member());

        RawHttp.Response head = raw("HEAD", path, "Authorization: Bearer " + api.memberToken() + "\r\n");

        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(head.header("ETag")).isEqualTo(get.headers().firstValue("ETag").orElseThrow());
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(get.body().length));
        assertThat(head.header("Content-Disposition")).isEqualTo(get.headers().firstValue("Content-Disposition").orElseThrow());
        assertThat(head.body()).isEmpty();
    }

    @Test
    void head_on_the_pdf_checks_the_session_and_the_owner_like_get() {
        String path = "/api/v1/billing/invoices/" + acmeInvoice + "/pdf";

        RawHttp.Response anonymous = raw("HEAD", path, "");
        RawHttp.Response otherCustomer = raw("HEAD", path, "Authorization: Bearer "
                + api.token("gina", TestServer.GLOBEX, Role.MEMBER) + "\r\n");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
        assertThat(anonymous.header("ETag")).isNull();
        assertThat(otherCustomer.status()).isEqualTo(404);
        assertThat(otherCustomer.header("ETag")).isNull();
        assertThat(anonymous.body()).isEmpty();
    }

    @Test
    void a_304_carries_no_content_type() {
        String path = "/api/v1/billing/invoices/" + acmeInvoice + "/pdf";
        String etag = api.getBytes(path, api.member()).headers().firstValue("ETag").orElseThrow();

        RawHttp.Response notModified = raw("GET", path, "Authorization: Bearer " + api.memberToken() + "\r\n"
                + "If-None-Match: " + etag + "\r\n");
        RawHttp.Response headNotModified = raw("HEAD", path, "Authorization: Bearer " + api.memberToken() + "\r\n"
                + "If-None-Match: " + etag + "\r\n");

        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.header("Content-Type")).isNull();
        assertThat(notModified.header("ETag")).isEqualTo(etag);
        assertThat(notModified.body()).isEmpty();
        assertThat(headNotModified.status()).isEqualTo(304);
        assertThat(headNotModified.header("Content-Type")).isNull();
    }
}
