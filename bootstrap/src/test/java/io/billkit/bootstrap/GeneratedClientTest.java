package io.billkit.bootstrap;

import io.billkit.generated.client.ApiClient;
import io.billkit.generated.client.ApiException;
import io.billkit.generated.client.api.AdminApi;
import io.billkit.generated.client.api.IngestionApi;
import io.billkit.generated.client.api.InvoicesApi;
import io.billkit.generated.client.api.UsageApi;
import io.billkit.generated.client.model.ApiKeyCreatedBody;
import io.billkit.generated.client.model.ApiKeyRequest;
import io.billkit.generated.client.model.CurrentUsageBody;
import io.billkit.generated.client.model.CustomerRequest;
import io.billkit.generated.client.model.EventRequest;
import io.billkit.generated.client.model.EventsRequest;
import io.billkit.generated.client.model.IngestionBody;
import io.billkit.generated.client.model.InvoicePageBody;
import io.billkit.generated.client.model.MeterUsageBody;
import io.billkit.generated.client.model.SubscribeRequest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The demo flow through a Java client that openapi-generator (bootstrap's pom, {@code generate-test-sources})
 * generated from the checked-in {@code docs/api/openapi.json}, against the real service: create a customer,
 * subscribe it, issue it an API key, ingest usage (and retry with the same {@code Idempotency-Key}), read its
 * current usage, list its invoices. A document the generator cannot turn into a working client fails the build.
 */
class GeneratedClientTest {

    @Test
    void the_demo_flow_runs_through_the_client_generated_from_the_openapi_document() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> env = Map.of("PORT", "0", "HOST", "127.0.0.1", "BILLKIT_STORAGE", "memory");
        try (BillKitApplication app = BillKitApplication.start(env, new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String admin = printed(out.toString(StandardCharsets.UTF_8), "admin token");
            String base = "http://127.0.0.1:" + app.port();
            AdminApi asAdmin = new AdminApi(client(base, "Authorization", "Bearer " + admin));

            asAdmin.postAdminCustomers(new CustomerRequest().id("gen-co").name("Generated Co").email("ap@gen.test"),
                    null, null);
            asAdmin.postAdminSubscriptions(new SubscribeRequest().customerId("gen-co").plan("starter"), null, null);
            ApiKeyCreatedBody key = asAdmin.postAdminApiKeys(null, null,
                    new ApiKeyRequest().customerId("gen-co").name("generated client"));
            assertThat(key.getKey()).startsWith("bk_");

            IngestionApi ingestion = new IngestionApi(client(base, "X-Api-Key", key.getKey()));
            EventsRequest events = new EventsRequest().events(List.of(
                    new EventRequest().eventId("gen-1").meter("api_calls").quantity("1500"),
                    new EventRequest().eventId("gen-2").meter("api_calls").quantity("500")));
            String idempotencyKey = UUID.randomUUID().toString();
            IngestionBody first = ingestion.postUsageEvents(events, idempotencyKey, null);
            IngestionBody retried = ingestion.postUsageEvents(events, idempotencyKey, null);
            assertThat(first.getAccepted()).isEqualTo(2L);
            assertThat(retried).isEqualTo(first);
            ApiException reused = catchThrowableOfType(ApiException.class, () -> ingestion.postUsageEvents(
                    new EventsRequest().events(List.of(new EventRequest().eventId("gen-3").meter("api_calls"))),
                    idempotencyKey, null));
            assertThat(reused.getCode()).isEqualTo(409);

            CurrentUsageBody usage = new UsageApi(client(base, "Authorization", "Bearer " + admin))
                    .getBillingUsageCurrent("gen-co", null);
            assertThat(usage.getCustomerId()).isEqualTo("gen-co");
            assertThat(usage.getPlan()).isEqualTo("starter");
            assertThat(usage.getMeters()).filteredOn(m -> m.getMeter().equals("api_calls"))
                    .singleElement().extracting(MeterUsageBody::getUsed).isEqualTo("2000");

            InvoicePageBody invoices = new InvoicesApi(client(base, "Authorization", "Bearer " + admin))
                    .getBillingInvoices(1, 10, null, null, null, "gen-co", null);
            assertThat(invoices.getItems()).isEmpty();
        }
    }

    private static ApiClient client(String base, String header, String value) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(base);
        client.setRequestInterceptor(request -> request.header(header, value));
        return client;
    }

    private static String printed(String console, String label) {
        Matcher m = Pattern.compile(label + "\\s*: (\\S+)").matcher(console);
        assertThat(m.find()).as(label + " printed in:\n" + console).isTrue();
        return m.group(1);
    }
}
