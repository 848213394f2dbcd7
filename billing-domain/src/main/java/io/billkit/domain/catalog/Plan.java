package io.billkit.domain.catalog;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.dunning.DunningPolicy;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A plan customers subscribe to: base price per interval, trial, credits included per period,
 * entitlements, the terms of each meter it covers (in catalog order), and optionally its own dunning schedule
 * ({@code dunning}: empty = the service's default schedule).
 */
public record Plan(PlanCode code, String name, Currency currency, BillingInterval interval, Money basePrice,
                   int trialDays, BigDecimal includedCredits, Entitlements entitlements, List<MeterTerms> meters,
                   Optional<DunningPolicy> dunning) {
    public Plan {
        Objects.requireNonNull(dunning, "dunning");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(basePrice, "basePrice");
        Objects.requireNonNull(includedCredits, "includedCredits");
        Objects.requireNonNull(entitlements, "entitlements");
        meters = List.copyOf(Objects.requireNonNull(meters, "meters"));
        BillingException.require(trialDays >= 0, "plan " + code + ": trialDays must not be negative");
    }

    /** A plan on the service's default dunning schedule. */
    public Plan(PlanCode code, String name, Currency currency, BillingInterval interval, Money basePrice,
                int trialDays, BigDecimal includedCredits, Entitlements entitlements, List<MeterTerms> meters) {
        this(code, name, currency, interval, basePrice, trialDays, includedCredits, entitlements, meters,
                Optional.empty());
    }

    /** The plan's own dunning schedule, else {@code defaultPolicy}. */
    public DunningPolicy dunningOr(DunningPolicy defaultPolicy) {
        Objects.requireNonNull(defaultPolicy, "defaultPolicy");
        return dunning.orElse(defaultPolicy);
    }

    /** The terms for {@code meter}, if this plan covers it. */
    public Optional<MeterTerms> terms(MeterKey meter) {
        return meters.stream().filter(t -> t.meter().equals(meter)).findFirst();
    }

    /** The terms for {@code meter}, or {@link ErrorCode#UNKNOWN_METER}. */
    public MeterTerms requireTerms(MeterKey meter) {
        return terms(meter).orElseThrow(() -> new BillingException(ErrorCode.UNKNOWN_METER,
                "plan " + code + " has no meter '" + meter + "'"));
    }

    public Map<MeterKey, MeterTerms> metersByKey() {
        Map<MeterKey, MeterTerms> byKey = new LinkedHashMap<>();
        meters.forEach(t -> byKey.put(t.meter(), t));
        return byKey;
    }

    public boolean hasTrial() {
        return trialDays > 0;
    }

    /**
     * A builder of a plan with its currency given once:
     * <pre>{@code
     * Plan growth = Plan.builder("growth", "Growth", "USD")
     *         .basePrice("499.00").trialDays(14)
     *         .meter(IMPRESSIONS, Allowance.soft(10_000_000, Window.PERIOD), Price.perPackage("0.50", "USD", 1_000))
     *         .build();
     * }</pre>
     * Defaults: monthly, base price zero, no trial, no included credits, {@link Entitlements#none()}.
     */
    public static Builder builder(String code, String name, String currencyCode) {
        return new Builder(PlanCode.of(code), name, Money.currency(currencyCode));
    }

    /** Builds a {@link Plan}; see {@link Plan#builder}. Not thread-safe. */
    public static final class Builder {
        private final PlanCode code;
        private final String name;
        private final Currency currency;
        private BillingInterval interval = BillingInterval.MONTH;
        private Money basePrice;
        private int trialDays;
        private BigDecimal includedCredits = BigDecimal.ZERO;
        private Entitlements entitlements = Entitlements.none();
        private final List<MeterTerms> meters = new ArrayList<>();
        private Optional<DunningPolicy> dunning = Optional.empty();

        private Builder(PlanCode code, String name, Currency currency) {
            this.code = Objects.requireNonNull(code, "code");
            this.name = Objects.requireNonNull(name, "name");
            this.currency = Objects.requireNonNull(currency, "currency");
            this.basePrice = Money.zero(currency);
        }

        /** Billed every {@code value} (default {@link BillingInterval#MONTH}). */
        public Builder interval(BillingInterval value) {
            this.interval = Objects.requireNonNull(value, "interval");
            return this;
        }

        /** Billed yearly. */
        public Builder yearly() {
            return interval(BillingInterval.YEAR);
        }

        /** The base price per interval, a decimal string in the plan's currency. */
        public Builder basePrice(String amount) {
            this.basePrice = Money.of(new BigDecimal(amount), currency);
            return this;
        }

        /** Days of free trial (default 0). */
        public Builder trialDays(int days) {
            this.trialDays = days;
            return this;
        }

        /** Credits granted per period (default 0). */
        public Builder includedCredits(long credits) {
            this.includedCredits = BigDecimal.valueOf(credits);
            return this;
        }

        /** Seats, support tier and flags (default {@link Entitlements#none()}). */
        public Builder entitlements(Entitlements value) {
            this.entitlements = Objects.requireNonNull(value, "entitlements");
            return this;
        }

        /** Covers {@code meter} with its allowance and overage price (in plan order). */
        public Builder meter(MeterKey meter, Allowance allowance, Price overagePrice) {
            meters.add(new MeterTerms(meter, allowance, overagePrice));
            return this;
        }

        /** Covers a meter with {@code terms}. */
        public Builder meter(MeterTerms terms) {
            meters.add(Objects.requireNonNull(terms, "terms"));
            return this;
        }

        /** Its own dunning schedule (default: the service's default schedule). */
        public Builder dunning(DunningPolicy policy) {
            this.dunning = Optional.of(Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /** The plan; validated like the constructor. */
        public Plan build() {
            return new Plan(code, name, currency, interval, basePrice, trialDays, includedCredits, entitlements, meters,
                    dunning);
        }
    }
}
