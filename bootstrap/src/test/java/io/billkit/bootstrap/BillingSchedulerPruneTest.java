package io.billkit.bootstrap;

import io.billkit.application.assembly.BillingPorts;
import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.assembly.InMemoryBillingPorts;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.out.WebhookDelivery;
import io.billkit.application.port.out.WebhookDeliveryAttempt;
import io.billkit.application.port.out.WebhookDeliveryStatus;
import io.billkit.application.port.out.WebhookEndpoint;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduler prunes the outbound webhook delivery log older than the configured retention. */
class BillingSchedulerPruneTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void the_scheduler_prunes_delivery_log_entries_older_than_the_retention() {
        SettableClock clock = new SettableClock(NOW);
        BillingPorts ports = InMemoryBillingPorts.create(clock);
        BillingServices services = new BillingServices(ports, SeedCatalogs.apex(), clock, BillingSettings.defaults());
        ports.webhookEndpoints().save(new WebhookEndpoint("we_1", Optional.empty(), "https://hooks.example/h",
                "whsec_c2VjcmV0", List.of(), true, NOW.minus(Duration.ofDays(90))));
        WebhookDelivery delivery = WebhookDelivery.pending("whd_1", "we_1", "evt_1", "invoice.created", "acme", "{}",
                NOW.minus(Duration.ofDays(90)));
        ports.webhookDeliveries().enqueue(delivery);
        for (int daysAgo : new int[] {45, 31, 29, 1}) {
            ports.webhookDeliveries().logAttempt(new WebhookDeliveryAttempt("wha_" + daysAgo, "whd_1", "we_1",
                    "evt_1", "invoice.created", "acme", 1, NOW.minus(Duration.ofDays(daysAgo)), 3,
                    WebhookDeliveryStatus.PENDING, Optional.of(500), Optional.of("HTTP 500")));
        }

        try (BillingScheduler scheduler = new BillingScheduler(services.closePeriod(), services.usageAlerts(),
                ports.subscriptions(), Duration.ofHours(1), services.deliverWebhooks(), Duration.ofHours(1),
                services.pruneWebhookDeliveryLog(), Duration.ofDays(30))) {
            scheduler.pruneDeliveryLogOnce();
        } finally {
            services.closeWebhookDelivery();
        }

        assertThat(ports.webhookDeliveries().attempts("we_1", 10)).extracting(WebhookDeliveryAttempt::id)
                .containsExactly("wha_1", "wha_29");
        assertThat(ports.webhookDeliveries().find("whd_1")).isPresent();
    }
}
