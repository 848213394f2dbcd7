package io.billkit.application.contract;

import io.billkit.application.assembly.AiGovernancePorts;
import io.billkit.application.assembly.AiGovernanceServices;
import io.billkit.application.assembly.AiGovernanceSettings;
import io.billkit.application.assembly.BillingPorts;
import io.billkit.application.assembly.BillingServices;
import io.billkit.application.assembly.BillingSettings;
import io.billkit.application.inmemory.SettableClock;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.ai.AiDecision;
import io.billkit.application.port.in.ai.AiDenialReason;
import io.billkit.application.port.in.ai.AiGovernanceView;
import io.billkit.application.port.in.ai.AiRequestDecisionView;
import io.billkit.application.port.in.ai.AiSettlementView;
import io.billkit.application.port.in.ai.CheckAiRequestCommand;
import io.billkit.application.port.in.ai.SetAiGovernanceCommand;
import io.billkit.application.port.in.ai.SettleAiRequestCommand;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.application.port.in.usage.RecordUsageCommand;
import io.billkit.application.port.in.usage.UsageEventInput;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.seed.SeedCatalogs;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.forecast.BudgetStatus;
import io.billkit.domain.money.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.billkit.domain.catalog.seed.SeedCatalogs.AI_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AI cost governance against one store implementation: the mortgage seed's Pro plan prices every AI token at
 * USD 0.00003, so a daily budget of USD 3.00 is 100,000 tokens.
 */
public abstract class AiGovernanceContract {
    protected static final Actor ADMIN = Actor.of("admin-1");
    protected static final Actor APP = Actor.of("app-backend");
    private static final CustomerId CUSTOMER = CustomerId.of("cus_ai_governed");

    protected final SettableClock clock = SettableClock.at("2026-04-01T00:00:00Z");
    private BillingServices billing;
    private AiGovernanceServices ai;

    /** Fresh, empty billing ports on {@code clock}. */
    protected abstract BillingPorts newPorts(Clock clock);

    /** The AI governance stores sharing {@code ports}' transactions. */
    protected abstract AiGovernancePorts aiPorts(BillingPorts ports);

    @BeforeEach
    void subscribeAProCustomer() {
        BillingPorts ports = newPorts(clock);
        billing = new BillingServices(ports, SeedCatalogs.mortgage(), clock, BillingSettings.defaults());
        ai = new AiGovernanceServices(ports, aiPorts(ports), SeedCatalogs.mortgage(), clock,
                new AiGovernanceSettings(AI_TOKENS, "model", Duration.ofMinutes(10)));
        billing.upsertCustomer().upsert(new UpsertCustomerCommand(new Customer(CUSTOMER, "Governed", "ai@example.com",
                ZoneId.of("UTC"), BigDecimal.ZERO, 30, ""), APP));
        billing.subscribe().subscribe(new SubscribeCommand(CUSTOMER, PlanCode.of("pro"), APP));
        clock.set(Instant.parse("2026-04-10T12:00:00Z"));
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    private AiGovernanceView govern(Optional<Money> daily, Optional<Money> monthly, Set<String> allowed,
                                    Optional<String> fallback) {
        return ai.setGovernance().set(new SetAiGovernanceCommand(CUSTOMER, daily, monthly, allowed, fallback, ADMIN));
    }

    private AiRequestDecisionView check(String model, long tokens) {
        return ai.checkAiRequest().check(new CheckAiRequestCommand(CUSTOMER, model, BigDecimal.valueOf(tokens), APP));
    }

    private void recordTokens(String id, long tokens, Instant at) {
        var result = billing.recordUsage().record(RecordUsageCommand.single(new UsageEventInput(id, CUSTOMER, AI_TOKENS.value(),
                BigDecimal.valueOf(tokens), at, Map.of("model", "gpt-large")), APP));
        assertThat(result.count(io.billkit.application.port.in.usage.UsageEventStatus.ACCEPTED)).isEqualTo(1);
    }

    @Test
    void an_unset_governance_reads_as_open_and_allows_any_model_without_budget_checks() {
        AiGovernanceView view = ai.governance().get(CUSTOMER);
        assertThat(view.dailyBudget()).isEmpty();
        assertThat(view.allowedModels()).isEmpty();
        assertThat(view.updatedAt()).isEmpty();

        AiRequestDecisionView decision = check("any-model", 1_000_000);
        assertThat(decision.decision()).isEqualTo(AiDecision.ALLOWED);
        assertThat(decision.model()).contains("any-model");
        assertThat(decision.estimatedCost()).isEqualTo(usd("30.00"));
        assertThat(decision.reservationId()).isPresent();
    }

    @Test
    void governance_round_trips_through_the_store() {
        govern(Optional.of(usd("3.00")), Optional.of(usd("50.00")), Set.of("gpt-large", "gpt-small"),
                Optional.of("gpt-small"));
        AiGovernanceView view = ai.governance().get(CUSTOMER);
        assertThat(view.dailyBudget()).hasValueSatisfying(m -> assertThat(m.isEqualTo(usd("3.00"))).isTrue());
        assertThat(view.monthlyBudget()).hasValueSatisfying(m -> assertThat(m.isEqualTo(usd("50.00"))).isTrue());
        assertThat(view.allowedModels()).containsExactlyInAnyOrder("gpt-large", "gpt-small");
        assertThat(view.fallbackModel()).contains("gpt-small");
        assertThat(view.updatedAt()).contains(clock.instant());
    }

    @Test
    void a_fallback_outside_the_allowlist_or_a_budget_in_another_currency_is_refused() {
        assertThatThrownBy(() -> govern(Optional.empty(), Optional.empty(), Set.of("gpt-large"), Optional.of("gpt-tiny")))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThatThrownBy(() -> govern(Optional.of(Money.of("3.00", "EUR")), Optional.empty(), Set.of(), Optional.empty()))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
        assertThat(ai.governance().get(CUSTOMER).updatedAt()).isEmpty();
    }

    @Test
    void a_model_outside_the_allowlist_runs_on_the_fallback_or_is_denied_without_one() {
        govern(Optional.empty(), Optional.empty(), Set.of("gpt-small"), Optional.of("gpt-small"));
        AiRequestDecisionView onFallback = check("gpt-large", 100);
        assertThat(onFallback.decision()).isEqualTo(AiDecision.ALLOWED_ON_FALLBACK);
        assertThat(onFallback.model()).contains("gpt-small");

        govern(Optional.empty(), Optional.empty(), Set.of("gpt-small"), Optional.empty());
        AiRequestDecisionView denied = check("gpt-large", 100);
        assertThat(denied.decision()).isEqualTo(AiDecision.DENIED);
        assertThat(denied.reason()).contains(AiDenialReason.MODEL_NOT_ALLOWED);
        assertThat(denied.reservationId()).isEmpty();
        assertThat(check("gpt-small", 100).decision()).isEqualTo(AiDecision.ALLOWED);
    }

    @Test
    void a_daily_budget_admits_spend_up_to_the_limit_and_denies_past_it_offering_the_fallback_model() {
        govern(Optional.of(usd("3.00")), Optional.empty(), Set.of("gpt-large", "gpt-small"), Optional.of("gpt-small"));
        recordTokens("earlier", 90_000, clock.instant().minusSeconds(3600));

        AiRequestDecisionView upToTheLimit = check("gpt-large", 10_000);
        assertThat(upToTheLimit.decision()).isEqualTo(AiDecision.ALLOWED);
        assertThat(upToTheLimit.daily()).hasValueSatisfying(d -> {
            assertThat(d.status()).isEqualTo(BudgetStatus.WITHIN);
            assertThat(d.spent().isEqualTo(usd("2.70"))).isTrue();
            assertThat(d.projected().isEqualTo(usd("3.00"))).isTrue();
        });

        AiRequestDecisionView past = check("gpt-large", 200);
        assertThat(past.decision()).isEqualTo(AiDecision.DENIED);
        assertThat(past.reason()).contains(AiDenialReason.DAILY_BUDGET_EXCEEDED);
        assertThat(past.fallbackModel()).contains("gpt-small");
        assertThat(past.message()).contains("gpt-small");
        assertThat(past.daily()).hasValueSatisfying(d -> assertThat(d.spent().isEqualTo(usd("3.00"))).isTrue());
        assertThat(past.reservationId()).isEmpty();

        clock.advance(Duration.ofHours(12)); // the next UTC day: today's spend starts again
        assertThat(check("gpt-large", 10_000).decision()).isEqualTo(AiDecision.ALLOWED);
    }

    @Test
    void a_monthly_budget_counts_the_earlier_days_of_the_month() {
        govern(Optional.empty(), Optional.of(usd("30.00")), Set.of(), Optional.empty());
        recordTokens("april-2", 600_000, Instant.parse("2026-04-02T10:00:00Z"));
        recordTokens("april-9", 390_000, Instant.parse("2026-04-09T10:00:00Z"));
        assertThat(check("gpt-large", 10_000).decision()).isEqualTo(AiDecision.ALLOWED);
        AiRequestDecisionView denied = check("gpt-large", 1_000);
        assertThat(denied.reason()).contains(AiDenialReason.MONTHLY_BUDGET_EXCEEDED);
        assertThat(denied.monthly()).hasValueSatisfying(m -> assertThat(m.spent().isEqualTo(usd("30.00"))).isTrue());
    }

    @Test
    void a_reservation_holds_its_estimate_until_it_expires() {
        govern(Optional.of(usd("3.00")), Optional.empty(), Set.of(), Optional.empty());
        assertThat(check("gpt-large", 60_000).decision()).isEqualTo(AiDecision.ALLOWED);
        assertThat(check("gpt-large", 60_000).decision()).isEqualTo(AiDecision.DENIED);
        clock.advance(Duration.ofMinutes(10)); // the first reservation expired unsettled
        assertThat(check("gpt-large", 60_000).decision()).isEqualTo(AiDecision.ALLOWED);
    }

    @Test
    void settling_records_the_real_tokens_with_the_model_and_releases_the_rest_of_the_estimate() {
        govern(Optional.of(usd("3.00")), Optional.empty(), Set.of(), Optional.empty());
        AiRequestDecisionView first = check("gpt-large", 90_000);
        assertThat(check("gpt-large", 20_000).decision()).isEqualTo(AiDecision.DENIED);

        AiSettlementView settled = ai.settleAiRequest().settle(new SettleAiRequestCommand(CUSTOMER,
                first.reservationId().orElseThrow(), BigDecimal.valueOf(30_000), APP));
        assertThat(settled.usageEventId()).contains("ai-" + first.reservationId().get());
        assertThat(settled.model()).isEqualTo("gpt-large");
        assertThat(billing.ports().usageEvents().contains(CUSTOMER, "ai-" + first.reservationId().get())).isTrue();

        AiRequestDecisionView second = check("gpt-large", 20_000);
        assertThat(second.decision()).isEqualTo(AiDecision.ALLOWED);
        assertThat(second.daily()).hasValueSatisfying(d -> assertThat(d.spent().isEqualTo(usd("0.90"))).isTrue());

        assertThatThrownBy(() -> ai.settleAiRequest().settle(new SettleAiRequestCommand(CUSTOMER,
                first.reservationId().get(), BigDecimal.ONE, APP)))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
        assertThatThrownBy(() -> ai.settleAiRequest().settle(new SettleAiRequestCommand(CUSTOMER,
                "no-such-reservation", BigDecimal.ONE, APP)))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    void fifty_concurrent_checks_admit_exactly_what_the_budget_allows() throws Exception {
        // USD 3.00 a day = 100,000 tokens; 4,000 tokens (USD 0.12) each: exactly 25 fit.
        govern(Optional.of(usd("3.00")), Optional.empty(), Set.of(), Optional.empty());
        List<AiRequestDecisionView> decisions = ConcurrentRunner.runConcurrently(50, () -> check("gpt-large", 4_000));
        long allowed = decisions.stream().filter(AiRequestDecisionView::isAllowed).count();
        assertThat(allowed).isEqualTo(25);
        assertThat(decisions).filteredOn(d -> !d.isAllowed())
                .allSatisfy(d -> assertThat(d.reason()).contains(AiDenialReason.DAILY_BUDGET_EXCEEDED));
        assertThat(check("gpt-large", 0).daily()).hasValueSatisfying(d -> assertThat(d.spent().isEqualTo(usd("3.00"))).isTrue());
    }

    private void recordEvent(String id, String meter, long quantity, Instant at, Map<String, String> properties) {
        var result = billing.recordUsage().record(RecordUsageCommand.single(new UsageEventInput(id, CUSTOMER, meter,
                BigDecimal.valueOf(quantity), at, properties), APP));
        assertThat(result.count(io.billkit.application.port.in.usage.UsageEventStatus.ACCEPTED)).isEqualTo(1);
    }

    @Test
    void usage_statistics_total_and_break_down_tokens_by_the_model_property_within_the_range() {
        recordEvent("outside", "ai_tokens", 9_999, Instant.parse("2026-04-08T23:59:59Z"), Map.of("model", "gpt-large"));
        recordEvent("l1", "ai_tokens", 1_000, Instant.parse("2026-04-09T00:00:00Z"), Map.of("model", "gpt-large"));
        recordEvent("l2", "ai_tokens", 1_000, Instant.parse("2026-04-10T11:00:00Z"), Map.of("model", "gpt-large"));
        recordEvent("s1", "ai_tokens", 500, Instant.parse("2026-04-10T11:30:00Z"), Map.of("model", "gpt-small"));
        recordEvent("none", "ai_tokens", 100, Instant.parse("2026-04-10T11:40:00Z"), Map.of());
        recordEvent("calls", "api_calls", 5, Instant.parse("2026-04-10T11:40:00Z"), Map.of("model", "gpt-small"));

        var stats = ai.usageStatistics().statistics(new io.billkit.application.port.in.ai.AiUsageStatisticsQuery(
                CUSTOMER, java.time.LocalDate.of(2026, 4, 9), java.time.LocalDate.of(2026, 4, 10)));
        assertThat(stats.modelProperty()).isEqualTo("model");
        assertThat(stats.totalTokens()).isEqualByComparingTo("2600");
        assertThat(stats.requests()).isEqualTo(4);
        assertThat(stats.totalCost().isEqualTo(usd("0.08"))).isTrue();
        assertThat(stats.models()).extracting(m -> m.model() + "=" + m.tokens().stripTrailingZeros().toPlainString()
                        + "/" + m.requests() + "/" + m.cost().amount().toPlainString())
                .containsExactly("=100/1/0.00", "gpt-large=2000/2/0.06", "gpt-small=500/1/0.02");
    }

    @Test
    void the_prediction_recommends_an_upgrade_when_a_hard_request_limit_will_be_reached() {
        // Pro: 1,000 AI requests a day (HARD); 600 by noon UTC project to 1,200.
        recordEvent("r1", "ai_requests", 600, Instant.parse("2026-04-10T06:00:00Z"), Map.of());
        var prediction = ai.quotaPrediction().predict(CUSTOMER);
        var requests = prediction.windows().stream().filter(w -> w.meter().value().equals("ai_requests")).findFirst()
                .orElseThrow();
        assertThat(requests.used()).isEqualByComparingTo("600");
        assertThat(requests.remaining()).hasValueSatisfying(r -> assertThat(r).isEqualByComparingTo("400"));
        assertThat(requests.projectedUsage()).isEqualByComparingTo("1200");
        assertThat(requests.willReachLimit()).isTrue();
        assertThat(prediction.recommendation().action())
                .isEqualTo(io.billkit.application.port.in.ai.AiQuotaPredictionView.Action.UPGRADE_PLAN);
        assertThat(prediction.recommendation().plan()).contains("enterprise");
        assertThat(prediction.willExceedBudget()).isFalse();
    }

    @Test
    void the_prediction_projects_spend_against_the_budget_and_recommends_the_fallback_or_raising_it() {
        var none = ai.quotaPrediction().predict(CUSTOMER);
        assertThat(none.recommendation().action()).isEqualTo(io.billkit.application.port.in.ai.AiQuotaPredictionView.Action.NONE);

        // 60,000 tokens (USD 1.80) by noon project to USD 3.60 at the day's end, past USD 3.00.
        recordTokens("half-day", 60_000, Instant.parse("2026-04-10T06:00:00Z"));
        govern(Optional.of(usd("3.00")), Optional.empty(), Set.of("gpt-large", "gpt-small"), Optional.of("gpt-small"));
        var prediction = ai.quotaPrediction().predict(CUSTOMER);
        assertThat(prediction.daily()).hasValueSatisfying(d -> {
            assertThat(d.status()).isEqualTo(BudgetStatus.WILL_EXCEED);
            assertThat(d.spent().isEqualTo(usd("1.80"))).isTrue();
            assertThat(d.projected().isEqualTo(usd("3.60"))).isTrue();
        });
        assertThat(prediction.willExceedBudget()).isTrue();
        assertThat(prediction.recommendation().action())
                .isEqualTo(io.billkit.application.port.in.ai.AiQuotaPredictionView.Action.SWITCH_TO_FALLBACK_MODEL);
        assertThat(prediction.recommendation().model()).contains("gpt-small");
        assertThat(prediction.spentThisPeriod().isEqualTo(usd("1.80"))).isTrue();
        assertThat(prediction.estimatedCostToPeriodEnd().isGreaterThan(prediction.spentThisPeriod())).isTrue();

        govern(Optional.of(usd("3.00")), Optional.empty(), Set.of(), Optional.empty());
        assertThat(ai.quotaPrediction().predict(CUSTOMER).recommendation().action())
                .isEqualTo(io.billkit.application.port.in.ai.AiQuotaPredictionView.Action.RAISE_BUDGET);
    }

    @Test
    void daily_snapshots_cover_the_finished_days_are_idempotent_and_take_in_late_events() {
        recordTokens("apr-8", 10_000, Instant.parse("2026-04-08T10:00:00Z"));
        recordTokens("apr-9", 20_000, Instant.parse("2026-04-09T10:00:00Z"));
        recordTokens("apr-10", 50_000, Instant.parse("2026-04-10T10:00:00Z")); // today: not finished

        assertThat(ai.takeUsageSnapshots().takeFinishedDays()).isEqualTo(2);
        assertThat(ai.takeUsageSnapshots().takeFinishedDays()).isEqualTo(2);
        var snapshots = ai.usageSnapshots().snapshots(CUSTOMER, java.time.LocalDate.of(2026, 4, 1),
                java.time.LocalDate.of(2026, 4, 30));
        assertThat(snapshots).extracting(s -> s.day().toString() + " " + s.quantities().get(AI_TOKENS).stripTrailingZeros().toPlainString()
                        + " " + s.cost().amount().toPlainString())
                .containsExactly("2026-04-08 10000 0.30", "2026-04-09 20000 0.60");

        recordTokens("apr-9-late", 1_000, Instant.parse("2026-04-09T23:00:00Z"));
        ai.takeUsageSnapshots().takeFinishedDays();
        assertThat(ai.usageSnapshots().snapshots(CUSTOMER, java.time.LocalDate.of(2026, 4, 9),
                java.time.LocalDate.of(2026, 4, 9)))
                .singleElement().satisfies(s -> {
                    assertThat(s.quantities().get(AI_TOKENS)).isEqualByComparingTo("21000");
                    assertThat(s.cost().isEqualTo(usd("0.63"))).isTrue();
                });
    }
}
