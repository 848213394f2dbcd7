package io.billkit.domain.catalog.seed;

import io.billkit.domain.BillingException;
import io.billkit.domain.catalog.Aggregation;
import io.billkit.domain.catalog.Allowance;
import io.billkit.domain.catalog.BillingInterval;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.CreditEvent;
import io.billkit.domain.catalog.CreditProduct;
import io.billkit.domain.catalog.Entitlements;
import io.billkit.domain.catalog.Limit;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.Price;
import io.billkit.domain.catalog.Window;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.UnitPrice;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The three example catalogs BillKit ships, built in code so they are always valid:
 * <ul>
 *   <li>{@link #apex()}: an ad platform billing impressions, API calls and data transfer with
 *       monthly allowances and package-priced overage;</li>
 *   <li>{@link #credits()}: plans that include credits, credit events priced in credits, and
 *       never-expiring credit packs;</li>
 *   <li>{@link #mortgage()}: a SaaS with daily rate limits and per-unit usage prices.</li>
 * </ul>
 * The numbers are the seeds' (see DESIGN.md). Base prices, trial days and credit amounts the seeds
 * leave open are BillKit's choices and are documented in the README.
 */
public final class SeedCatalogs {
    public static final MeterKey IMPRESSIONS = MeterKey.of("impressions");
    public static final MeterKey API_CALLS = MeterKey.of("api_calls");
    public static final MeterKey DATA_TRANSFER_GB = MeterKey.of("data_transfer_gb");
    public static final MeterKey AI_REQUESTS = MeterKey.of("ai_requests");
    public static final MeterKey AI_TOKENS = MeterKey.of("ai_tokens");
    public static final MeterKey SCENARIOS = MeterKey.of("scenarios");
    public static final MeterKey REPORTS = MeterKey.of("reports");
    public static final MeterKey WEBHOOK_DELIVERIES = MeterKey.of("webhook_deliveries");

    private static final Currency USD = Money.currency("USD");

    private SeedCatalogs() {
    }

    /** The seed catalog called {@code name} ({@code apex}, {@code credits} or {@code mortgage}). */
    public static Catalog named(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "apex" -> apex();
            case "credits" -> credits();
            case "mortgage" -> mortgage();
            default -> throw BillingException.invalid("unknown seed catalog '" + name + "' (apex, credits, mortgage)");
        };
    }

    /** Starter / Growth / Scale / Enterprise with impressions, API calls and data transfer per period. */
    public static Catalog apex() {
        List<Meter> meters = List.of(
                new Meter(IMPRESSIONS, "Ad impressions", "impression", Aggregation.SUM, ""),
                new Meter(API_CALLS, "API calls", "call", Aggregation.SUM, ""),
                new Meter(DATA_TRANSFER_GB, "Data transfer", "GB", Aggregation.SUM, ""));
        return new Catalog("apex", meters, List.of(
                apexPlan("starter", "Starter", "99.00", 14, 1_000_000L, 100_000L, 50L, "email"),
                apexPlan("growth", "Growth", "499.00", 14, 10_000_000L, 1_000_000L, 500L, "email"),
                apexPlan("scale", "Scale", "1999.00", 0, 50_000_000L, 5_000_000L, 2_500L, "priority"),
                apexPlan("enterprise", "Enterprise", "4999.00", 0, 100_000_000L, 10_000_000L, 5_000L, "dedicated")),
                List.of(), List.of());
    }

    private static Plan apexPlan(String code, String name, String base, int trialDays, long impressions,
                                 long apiCalls, long gigabytes, String support) {
        return new Plan(PlanCode.of(code), name, USD, BillingInterval.MONTH, money(base), trialDays, BigDecimal.ZERO,
                new Entitlements(Limit.unlimited(), support, Set.of("reporting")),
                List.of(new MeterTerms(IMPRESSIONS, Allowance.soft(impressions, Window.PERIOD),
                                Price.perPackage(usd("0.50"), 1_000)),
                        new MeterTerms(API_CALLS, Allowance.soft(apiCalls, Window.PERIOD),
                                Price.perPackage(usd("0.10"), 1_000)),
                        new MeterTerms(DATA_TRANSFER_GB, Allowance.soft(gigabytes, Window.PERIOD),
                                Price.perUnit(usd("0.05")))));
    }

    /** Monthly and annual plans with included credits, four credit events and three credit packs. */
    public static Catalog credits() {
        List<Meter> meters = List.of(
                new Meter(API_CALLS, "API calls", "call", Aggregation.SUM, ""),
                new Meter(AI_REQUESTS, "AI inferences", "request", Aggregation.SUM, ""));
        List<MeterTerms> terms = List.of(
                new MeterTerms(API_CALLS, Allowance.unlimited(), Price.perUnit(UnitPrice.zero(USD))),
                new MeterTerms(AI_REQUESTS, Allowance.unlimited(), Price.perUnit(UnitPrice.zero(USD))));
        Entitlements entitlements = new Entitlements(Limit.of(5), "email", Set.of("credits"));
        return new Catalog("credits", meters, List.of(
                new Plan(PlanCode.of("monthly"), "Monthly", USD, BillingInterval.MONTH, money("49.00"), 7,
                        new BigDecimal("10000"), entitlements, terms),
                new Plan(PlanCode.of("annual"), "Annual", USD, BillingInterval.YEAR, money("490.00"), 7,
                        new BigDecimal("120000"), entitlements, terms)),
                List.of(new CreditEvent("api_call_basic", BigDecimal.ONE),
                        new CreditEvent("api_call_premium", new BigDecimal("5")),
                        new CreditEvent("storage_gb_month", BigDecimal.TEN),
                        new CreditEvent("ai_inference", new BigDecimal("25"))),
                List.of(new CreditProduct("pack_1k", "1,000 credits", new BigDecimal("1000"), money("10.00")),
                        new CreditProduct("pack_10k", "10,000 credits", new BigDecimal("10000"), money("90.00")),
                        new CreditProduct("pack_100k", "100,000 credits", new BigDecimal("100000"), money("800.00"))));
    }

    /** Free / Pro / Enterprise with daily API and AI limits and per-unit usage prices. */
    public static Catalog mortgage() {
        List<Meter> meters = List.of(
                new Meter(API_CALLS, "API calls", "call", Aggregation.SUM, ""),
                new Meter(AI_REQUESTS, "AI requests", "request", Aggregation.SUM, ""),
                new Meter(AI_TOKENS, "AI tokens", "token", Aggregation.SUM, ""),
                new Meter(SCENARIOS, "Saved scenarios", "scenario", Aggregation.MAX, ""),
                new Meter(REPORTS, "Reports", "report", Aggregation.SUM, ""),
                new Meter(WEBHOOK_DELIVERIES, "Webhook deliveries", "delivery", Aggregation.SUM, ""));
        Price apiPrice = Price.perUnit(usd("0.01"));
        Price aiPrice = Price.perUnit(usd("0.10"));
        Price tokenPrice = Price.perUnit(usd("0.00003"));
        Price reportPrice = Price.perUnit(usd("5.00"));
        Price webhookPrice = Price.perUnit(usd("0.001"));
        Price free = Price.perUnit(UnitPrice.zero(USD));
        Plan freePlan = new Plan(PlanCode.of("free"), "Free", USD, BillingInterval.MONTH, money("0.00"), 0,
                BigDecimal.ZERO, new Entitlements(Limit.of(1), "community", Set.of()),
                List.of(new MeterTerms(API_CALLS, Allowance.hard(100, Window.DAY), apiPrice),
                        new MeterTerms(AI_REQUESTS, Allowance.hard(10, Window.DAY), aiPrice),
                        new MeterTerms(AI_TOKENS, Allowance.unlimited(), free),
                        new MeterTerms(SCENARIOS, Allowance.hard(5, Window.PERIOD), free),
                        new MeterTerms(REPORTS, Allowance.hard(1, Window.MONTH), reportPrice),
                        new MeterTerms(WEBHOOK_DELIVERIES, Allowance.hard(0, Window.MONTH), webhookPrice)));
        Plan proPlan = new Plan(PlanCode.of("pro"), "Pro", USD, BillingInterval.MONTH, money("99.00"), 14,
                BigDecimal.ZERO, new Entitlements(Limit.of(10), "email", Set.of("ai_assistant")),
                List.of(new MeterTerms(API_CALLS, Allowance.hard(10_000, Window.DAY), apiPrice),
                        new MeterTerms(AI_REQUESTS, Allowance.hard(1_000, Window.DAY), aiPrice),
                        new MeterTerms(AI_TOKENS, Allowance.soft(0, Window.PERIOD), tokenPrice),
                        new MeterTerms(SCENARIOS, Allowance.unlimited(), free),
                        new MeterTerms(REPORTS, Allowance.soft(50, Window.MONTH), reportPrice),
                        new MeterTerms(WEBHOOK_DELIVERIES, Allowance.soft(1_000, Window.MONTH), webhookPrice)),
                // dunning: retries on day 3, 5 and 7, then unpaid (its HARD daily limits block) instead of cancelled
                java.util.Optional.of(io.billkit.domain.dunning.DunningPolicy.of(
                        io.billkit.domain.dunning.DunningFinalAction.MARK_UNPAID, 3, 5, 7)));
        Plan enterprisePlan = new Plan(PlanCode.of("enterprise"), "Enterprise", USD, BillingInterval.MONTH,
                money("499.00"), 0, BigDecimal.ZERO,
                new Entitlements(Limit.unlimited(), "dedicated", Set.of("ai_assistant", "sso")),
                List.of(new MeterTerms(API_CALLS, Allowance.soft(100_000, Window.DAY), apiPrice),
                        new MeterTerms(AI_REQUESTS, Allowance.soft(10_000, Window.DAY), aiPrice),
                        new MeterTerms(AI_TOKENS, Allowance.soft(0, Window.PERIOD), tokenPrice),
                        new MeterTerms(SCENARIOS, Allowance.unlimited(), free),
                        new MeterTerms(REPORTS, Allowance.unlimited(), reportPrice),
                        new MeterTerms(WEBHOOK_DELIVERIES, Allowance.soft(10_000, Window.MONTH), webhookPrice)));
        return new Catalog("mortgage", meters, List.of(freePlan, proPlan, enterprisePlan), List.of(), List.of());
    }

    private static Money money(String amount) {
        return new Money(new BigDecimal(amount), USD);
    }

    private static UnitPrice usd(String amount) {
        return new UnitPrice(new BigDecimal(amount), USD);
    }
}
