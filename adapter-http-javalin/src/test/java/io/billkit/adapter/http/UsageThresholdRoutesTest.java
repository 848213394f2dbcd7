package io.billkit.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.usage.RecordUsageCommand;
import io.billkit.application.port.in.usage.UsageEventInput;
import io.billkit.domain.invoice.InvoiceId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Progressive billing over HTTP: an admin sets thresholds per plan or subscription; a threshold invoice reads as one. */
class UsageThresholdRoutesTest {
    private TestServer api;

    @BeforeEach
    void start() {
        api = TestServer.builder().clock("2026-03-10T12:00:00Z").start();
        api.subscribe(TestServer.ACME, "scale");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> send(String method, String query, String body) {
        HttpRequest.Builder builder = api.request(UsageThresholdRoutes.PATH + query)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        String[] admin = api.admin();
        for (int i = 0; i < admin.length; i += 2) {
            builder.header(admin[i], admin[i + 1]);
        }
        return api.send(builder);
    }

    private String subscriptionId() {
        return api.services.subscription().current(TestServer.ACME).orElseThrow().id().value();
    }

    @Test
    void an_admin_sets_reads_and_removes_thresholds_and_the_threshold_invoice_says_what_it_is() {
        String subscription = subscriptionId();
        HttpResponse<String> plan = send("PUT", "?plan=scale",
                "{\"currency\":\"USD\",\"amounts\":[\"100.00\",\"500\"],\"recurringEvery\":\"1000.00\"}");
        assertThat(plan.statusCode()).as(plan.body()).isEqualTo(200);
        JsonNode planBody = api.body(plan);
        assertThat(planBody.get("plan").asText()).isEqualTo("scale");
        assertThat(planBody.get("source").asText()).isEqualTo("plan");
        assertThat(planBody.get("amounts").toString()).isEqualTo("[\"100.00\",\"500.00\"]");

        HttpResponse<String> inherited = send("GET", "?subscriptionId=" + subscription, null);
        assertThat(inherited.statusCode()).as(inherited.body()).isEqualTo(200);
        assertThat(api.body(inherited).get("source").asText()).isEqualTo("plan");

        HttpResponse<String> own = send("PUT", "?subscriptionId=" + subscription,
                "{\"currency\":\"USD\",\"amounts\":[\"50.00\"]}");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(api.body(own).get("source").asText()).isEqualTo("subscription");

        // 5,600,000 API calls on Scale: 600 packages = USD 60.00, past the subscription's 50.00
        api.services.recordUsage().record(new RecordUsageCommand(List.of(new UsageEventInput("evt-1", TestServer.ACME,
                "api_calls", new BigDecimal("5600000"), api.clock.instant(), Map.of())), Actor.system()));
        List<InvoiceId> created = api.services.closePeriod().close(new ClosePeriodCommand(Actor.system())).created();
        assertThat(created).hasSize(1);
        HttpResponse<String> invoice = api.get("/api/v1/billing/invoices/" + created.get(0).value(), api.member());
        assertThat(invoice.statusCode()).as(invoice.body()).isEqualTo(200);
        JsonNode body = api.body(invoice);
        assertThat(body.get("kind").asText()).isEqualTo("threshold");
        assertThat(body.get("total").get("amount").asText()).isEqualTo("60.00");

        HttpResponse<String> removed = send("DELETE", "?subscriptionId=" + subscription, null);
        assertThat(removed.statusCode()).as(removed.body()).isEqualTo(200);
        assertThat(api.body(removed).get("source").asText()).as("back to the plan's").isEqualTo("plan");
    }

    @Test
    void bad_requests_are_400_or_404_naming_the_field_and_write_nothing() {
        String subscription = subscriptionId();
        assertProblem(send("PUT", "", "{\"currency\":\"USD\",\"amounts\":[\"1\"]}"), 400, "plan");
        assertProblem(send("PUT", "?plan=scale&subscriptionId=" + subscription,
                "{\"currency\":\"USD\",\"amounts\":[\"1\"]}"), 400, "plan");
        assertProblem(send("PUT", "?plan=scale", "{\"amounts\":[\"1\"]}"), 400, "currency");
        assertProblem(send("PUT", "?plan=scale", "{\"currency\":\"USD\",\"amounts\":[\"1.001\"]}"), 400, "amounts[0]");
        assertProblem(send("PUT", "?plan=scale", "{\"currency\":\"USD\",\"amounts\":[\"-5\"]}"), 400, "amounts[0]");
        assertProblem(send("PUT", "?plan=scale", "{\"currency\":\"USD\",\"amounts\":[\"200\",\"100\"]}"), 400, "amounts");
        assertProblem(send("PUT", "?plan=scale", "{\"currency\":\"USD\",\"amounts\":[]}"), 400, "recurringEvery");
        HttpResponse<String> euros = send("PUT", "?plan=scale", "{\"currency\":\"EUR\",\"amounts\":[\"100\"]}");
        assertThat(euros.statusCode()).as(euros.body()).isBetween(400, 422);
        assertThat(send("PUT", "?plan=nosuch", "{\"currency\":\"USD\",\"amounts\":[\"1\"]}").statusCode()).isIn(400, 404);
        assertThat(send("GET", "?subscriptionId=sub_nosuch", null).statusCode()).isEqualTo(404);
        HttpResponse<String> member = api.send(api.request(UsageThresholdRoutes.PATH + "?plan=scale").GET()
                .header("Authorization", "Bearer " + api.memberToken()));
        assertThat(member.statusCode()).isEqualTo(403);
        assertThat(api.body(send("GET", "?plan=scale", null)).get("source").asText()).as("nothing written")
                .isEqualTo("none");
    }

    private void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(api.body(response).get("field").asText()).isEqualTo(field);
    }
}
