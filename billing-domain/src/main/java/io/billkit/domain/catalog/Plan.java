package io.billkit.domain.catalog;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.money.Money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A plan customers subscribe to: base price per interval, trial, credits included per period,
 * entitlements, and the terms of each meter it covers (in catalog order).
 */
public record Plan(PlanCode code, String name, Currency currency, BillingInterval interval, Money basePrice,
                   int trialDays, BigDecimal includedCredits, Entitlements entitlements, List<MeterTerms> meters) {
    public Plan {
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
}
