package io.billkit.domain.readme;

import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Allowance;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.Price;
import io.billkit.domain.catalog.TierCharge;
import io.billkit.domain.catalog.Window;
import io.billkit.domain.money.Money;
import io.billkit.domain.time.CustomerCalendar;
import io.billkit.domain.time.TimeWindow;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Embed BillKit" example, compiled and run: the code between the README markers below is the
 * snippet in the README (the test fails when the two drift apart).
 */
class ReadmeEmbeddingExampleTest {

    @Test
    void the_readme_example_prices_a_plan_with_the_builders() {
        // README:begin
        Meter apiCalls = Meter.of("api_calls", "API calls", "call", Aggregation.SUM);
        Price calls = Price.graduatedIn("USD")          // the currency once, for every tier
                .upTo(100_000, "0")                      // the first 100,000 calls are free
                .upTo(1_000_000, "0.00002")
                .above("0.00001");
        Plan growth = Plan.builder("growth", "Growth", "USD")
                .basePrice("499.00").trialDays(14)
                .meter(apiCalls.key(), Allowance.soft(0, Window.PERIOD), calls)
                .build();
        Catalog catalog = new Catalog("mine", List.of(apiCalls), List.of(growth), List.of(), List.of());

        Money overage = calls.charge(1_250_000);        // USD 20.50, rounded once, HALF_UP
        List<TierCharge> rows = calls.breakdown(BigDecimal.valueOf(1_250_000)); // units, price, amount per tier

        Price.Percentage cardFees = Price.percentage("2.9", "USD").withFixedFee("0.30").withMinimum("0.50");
        Money fees = cardFees.chargeTransactions(List.of(new BigDecimal("10.00"), new BigDecimal("5.00")));
        // 10.00: 0.29 + 0.30 = 0.59; 5.00: 0.145 + 0.30 = 0.445, raised to the minimum 0.50; USD 1.09

        CustomerCalendar berlin = new CustomerCalendar(ZoneId.of("Europe/Berlin"));
        TimeWindow today = berlin.window(Window.DAY, Instant.parse("2026-03-29T12:00:00Z")); // a 23-hour day
        // README:end

        assertThat(catalog.requirePlan(PlanCode.of("growth")).basePrice()).isEqualTo(Money.of("499.00", "USD"));
        assertThat(overage).isEqualTo(Money.of("20.50", "USD"));
        assertThat(rows).extracting(TierCharge::amount).usingElementComparator(BigDecimal::compareTo)
                .containsExactly(BigDecimal.ZERO, new BigDecimal("18.00"), new BigDecimal("2.50"));
        assertThat(fees).isEqualTo(Money.of("1.09", "USD"));
        assertThat(java.time.Duration.between(today.start(), today.end())).hasHours(23);
    }

    @Test
    void the_readme_shows_exactly_this_code() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/billkit/domain/readme/ReadmeEmbeddingExampleTest.java"),
                StandardCharsets.UTF_8);
        String snippet = source.substring(source.indexOf("// README:begin\n") + "// README:begin\n".length(),
                source.indexOf("        // README:end"));
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        assertThat(readme).contains(normalized(snippet));
    }

    /** Each line of the snippet without the eight spaces of method indentation, as the README shows it. */
    private static String normalized(String text) {
        return text.lines().map(l -> l.startsWith("        ") ? l.substring(8) : l).reduce("", (a, b) -> a + b + "\n");
    }
}
