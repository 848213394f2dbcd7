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
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
    static final Duration PROVIDER_RETRY = Duration.ofSeconds(30);
    private static final Actor BOOTSTRAP = Actor.of("bootstrap");
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private DemoData() {
    }

    /**
     * Seeds the demo data and prints the credentials. When the payment provider is unreachable the service still
     * starts: the key and tokens are issued, and the customer and its subscription are retried every
     * {@link #PROVIDER_RETRY} in the background until the provider answers; the returned handle stops that retry.
     */
    static Optional<AutoCloseable> seed(BillingServices services, Optional<String> hmacSecret, Optional<String> issuer,
                                        Clock clock, int port, PrintStream console) {
        Instant now = clock.instant();
        Optional<SubscriptionView> current = Optional.empty();
        Optional<AutoCloseable> retry = Optional.empty();
        try {
            current = seedCustomer(services);
        } catch (BillingException e) {
            if (e.code() != ErrorCode.PROVIDER_UNAVAILABLE) {
                throw e;
            }
            log.warn("the payment provider is unreachable: the demo customer is retried every {} s ({})",
                    PROVIDER_RETRY.toSeconds(), e.getMessage());
            retry = Optional.of(retryInBackground(services));
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
        return retry;
    }

    /** Upserts customer {@code demo} and subscribes it to the catalog's first plan when it has no live subscription. */
    private static Optional<SubscriptionView> seedCustomer(BillingServices services) {
        services.upsertCustomer().upsert(new UpsertCustomerCommand(
                Customer.of(DEMO_CUSTOMER, "Demo Customer", "demo@example.com"), BOOTSTRAP));
        Optional<SubscriptionView> current = services.subscription().current(DEMO_CUSTOMER)
                .filter(s -> s.status().isLive());
        if (current.isPresent()) {
            return current;
        }
        Plan plan = services.catalog().plans().get(0);
        try {
            return Optional.of(services.subscribe().subscribe(new SubscribeCommand(DEMO_CUSTOMER, plan.code(),
                    BOOTSTRAP)));
        } catch (BillingException e) {
            if (e.code() == ErrorCode.PROVIDER_UNAVAILABLE) {
                throw e;
            }
            log.warn("could not subscribe the demo customer to plan {}", plan.code(), e);
            return Optional.empty();
        }
    }

    private static AutoCloseable retryInBackground(BillingServices services) {
        ScheduledExecutorService retry = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "billkit-demo-data-retry");
            thread.setDaemon(true);
            return thread;
        });
        retry.scheduleWithFixedDelay(() -> {
            try {
                seedCustomer(services);
                log.info("demo customer {} created at the payment provider", DEMO_CUSTOMER.value());
                retry.shutdown();
            } catch (RuntimeException e) {
                log.warn("demo customer still waiting for the payment provider: {}", e.getMessage());
            }
        }, PROVIDER_RETRY.toMillis(), PROVIDER_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        return retry::shutdownNow;
    }
}
