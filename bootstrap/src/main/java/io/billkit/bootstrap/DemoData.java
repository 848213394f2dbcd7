package io.billkit.bootstrap;

import io.billkit.adapter.http.ApiKeys;
import io.billkit.adapter.http.Role;
import io.billkit.adapter.http.SessionTokens;
import io.billkit.application.port.out.ApiKeyStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Seeds a fresh instance so a new user can call the API at once: customer {@code demo}, an API key scoped
 * to it, and (with an HS256 secret) an admin and a member session token valid for 24 hours, printed to the
 * console together with ready-to-run curl commands.
 */
final class DemoData {
    static final CustomerId DEMO_CUSTOMER = CustomerId.of("demo");
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(24);

    private DemoData() {
    }

    static void seed(CustomerStore customers, ApiKeyStore apiKeys, Optional<String> hmacSecret,
                     Optional<String> issuer, Clock clock, int port, PrintStream console) {
        Instant now = clock.instant();
        customers.save(Customer.of(DEMO_CUSTOMER, "Demo Customer", "demo@example.com"));
        String apiKey = ApiKeys.newClearKey();
        apiKeys.save(new ApiKeyStore.ApiKey("key_demo", Optional.of(DEMO_CUSTOMER), "demo ingestion key",
                ApiKeys.sha256Hex(apiKey), now, false));

        String base = "http://localhost:" + port + "/api/v1";
        StringBuilder out = new StringBuilder()
                .append("\n==================== BillKit demo credentials ====================\n")
                .append("customer      : ").append(DEMO_CUSTOMER.value()).append('\n')
                .append("API key       : ").append(apiKey).append("   (X-Api-Key, scoped to customer demo)\n");
        hmacSecret.ifPresentOrElse(secret -> {
            Instant expires = now.plus(TOKEN_LIFETIME);
            String admin = SessionTokens.issueHs256(secret, issuer, "admin", DEMO_CUSTOMER, Role.ADMIN, now, expires);
            String member = SessionTokens.issueHs256(secret, issuer, "demo-user", DEMO_CUSTOMER, Role.MEMBER, now,
                    expires);
            out.append("admin token   : ").append(admin).append('\n')
                    .append("member token  : ").append(member).append('\n')
                    .append("tokens expire : ").append(expires).append('\n');
        }, () -> out.append("session tokens: issued by your identity provider (RS256, JWT_PUBLIC_KEY)\n"));
        out.append("try           : curl ").append(base).append("/meta/features\n")
                .append("                curl ").append(base).append("/openapi.json\n")
                .append("==================================================================\n");
        console.print(out);
        console.flush();
    }
}
