package io.billkit.bootstrap;

import io.billkit.adapter.http.ApiKeys;
import io.billkit.adapter.http.Role;
import io.billkit.adapter.http.SessionTokens;
import io.billkit.application.assembly.BillingServices;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.application.port.in.subscription.SubscriptionView;
import io.billkit.application.port.out.ApiKeyStore;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Seeds a fresh instance so a new user can call the API at once: customer {@code demo} (upserted), subscribed
 * to the catalog's first plan when it has no live subscription, the API key {@code key_demo} scoped to it
 * (re-issued on every start; the previous clear key stops working), and (with an HS256 secret) an admin and a
 * member session token valid for 24 hours, printed to the console with ready-to-run curl commands.
 */
final class DemoData {
    static final CustomerId DEMO_CUSTOMER = CustomerId.of("demo");
    static final String DEMO_KEY_ID = "key_demo";
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(24);
    private static final Actor BOOTSTRAP = Actor.of("bootstrap");
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private DemoData() {
    }

    static void seed(BillingServices services, Optional<String> hmacSecret, Optional<String> issuer, Clock clock,
                     int port, PrintStream console) {
        Instant now = clock.instant();
        services.upsertCustomer().upsert(new UpsertCustomerCommand(
                Customer.of(DEMO_CUSTOMER, "Demo Customer", "demo@example.com"), BOOTSTRAP));
        Optional<SubscriptionView> current = services.subscription().current(DEMO_CUSTOMER)
                .filter(s -> s.status().isLive());
        if (current.isEmpty()) {
            Plan plan = services.catalog().plans().get(0);
            try {
                current = Optional.of(services.subscribe().subscribe(new SubscribeCommand(DEMO_CUSTOMER, plan.code(),
                        BOOTSTRAP)));
            } catch (RuntimeException e) {
                log.warn("could not subscribe the demo customer to plan {}", plan.code(), e);
            }
        }
        String apiKey = ApiKeys.newClearKey();
        services.ports().apiKeys().save(new ApiKeyStore.ApiKey(DEMO_KEY_ID, Optional.of(DEMO_CUSTOMER),
                "demo ingestion key", ApiKeys.sha256Hex(apiKey), now, false));

        String base = "http://localhost:" + port + "/api/v1";
        String meter = services.catalog().meters().get(0).key().value();
        StringBuilder out = new StringBuilder()
                .append("\n==================== BillKit demo credentials ====================\n")
                .append("customer      : ").append(DEMO_CUSTOMER.value())
                .append(current.map(s -> " (plan " + s.plan().value() + ", " + s.status() + ")").orElse("")).append('\n')
                .append("API key       : ").append(apiKey).append("   (X-Api-Key, scoped to customer demo)\n");
        Optional<String> member = Optional.empty();
        Optional<String> admin = Optional.empty();
        if (hmacSecret.isPresent()) {
            Instant expires = now.plus(TOKEN_LIFETIME);
            admin = Optional.of(SessionTokens.issueHs256(hmacSecret.get(), issuer, "admin", DEMO_CUSTOMER, Role.ADMIN,
                    now, expires));
            member = Optional.of(SessionTokens.issueHs256(hmacSecret.get(), issuer, "demo-user", DEMO_CUSTOMER,
                    Role.MEMBER, now, expires));
            out.append("admin token   : ").append(admin.get()).append('\n')
                    .append("member token  : ").append(member.get()).append('\n')
                    .append("tokens expire : ").append(expires).append('\n');
        } else {
            out.append("session tokens: issued by your identity provider (RS256, JWT_PUBLIC_KEY)\n");
        }
        out.append("try           : curl ").append(base).append("/meta/features\n")
                .append("                curl -X POST ").append(base).append("/usage/events -H 'X-Api-Key: ").append(apiKey)
                .append("' -H 'Content-Type: application/json' -d '{\"events\":[{\"eventId\":\"evt-1\",\"meter\":\"")
                .append(meter).append("\",\"quantity\":\"1\"}]}'\n");
        member.ifPresent(token -> out.append("                curl ").append(base)
                .append("/billing/usage/current -H 'Authorization: Bearer ").append(token).append("'\n"));
        admin.ifPresent(token -> out.append("                curl -X POST ").append(base)
                .append("/admin/periods/close -H 'Authorization: Bearer ").append(token).append("'\n"));
        out.append("                curl ").append(base).append("/openapi.json\n")
                .append("==================================================================\n");
        console.print(out);
        console.flush();
    }
}
