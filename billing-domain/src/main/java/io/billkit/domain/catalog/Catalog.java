package io.billkit.domain.catalog;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a product sells: meters, plans, credit events and credit products. A catalog is
 * validated on construction; an inconsistent one throws {@link ErrorCode#INVALID_CATALOG} listing
 * every problem with the plan and meter it concerns.
 */
public record Catalog(String name, List<Meter> meters, List<Plan> plans, List<CreditEvent> creditEvents,
                      List<CreditProduct> creditProducts) {
    public Catalog {
        Objects.requireNonNull(name, "name");
        meters = List.copyOf(Objects.requireNonNull(meters, "meters"));
        plans = List.copyOf(Objects.requireNonNull(plans, "plans"));
        creditEvents = List.copyOf(Objects.requireNonNull(creditEvents, "creditEvents"));
        creditProducts = List.copyOf(Objects.requireNonNull(creditProducts, "creditProducts"));
        List<String> problems = CatalogValidator.problems(new Unchecked(meters, plans, creditEvents, creditProducts));
        if (!problems.isEmpty()) {
            throw new BillingException(ErrorCode.INVALID_CATALOG,
                    "catalog '" + name + "' is invalid: " + String.join("; ", problems));
        }
    }

    public Optional<Meter> meter(MeterKey key) {
        return meters.stream().filter(m -> m.key().equals(key)).findFirst();
    }

    /** The meter for {@code key}, or {@link ErrorCode#UNKNOWN_METER}. */
    public Meter requireMeter(MeterKey key) {
        return meter(key).orElseThrow(() -> new BillingException(ErrorCode.UNKNOWN_METER, "unknown meter '" + key + "'"));
    }

    public Optional<Plan> plan(PlanCode code) {
        return plans.stream().filter(p -> p.code().equals(code)).findFirst();
    }

    /** The plan for {@code code}, or {@link ErrorCode#UNKNOWN_PLAN}. */
    public Plan requirePlan(PlanCode code) {
        return plan(code).orElseThrow(() -> new BillingException(ErrorCode.UNKNOWN_PLAN, "unknown plan '" + code + "'"));
    }

    /** The credit event called {@code name}, or {@link ErrorCode#UNKNOWN_CREDIT_EVENT}. */
    public CreditEvent requireCreditEvent(String eventName) {
        return creditEvents.stream().filter(e -> e.name().equals(eventName)).findFirst()
                .orElseThrow(() -> new BillingException(ErrorCode.UNKNOWN_CREDIT_EVENT, "unknown credit event '" + eventName + "'"));
    }

    /** The credit product with {@code code}, or {@link ErrorCode#UNKNOWN_CREDIT_PRODUCT}. */
    public CreditProduct requireCreditProduct(String code) {
        return creditProducts.stream().filter(p -> p.code().equals(code)).findFirst()
                .orElseThrow(() -> new BillingException(ErrorCode.UNKNOWN_CREDIT_PRODUCT, "unknown credit product '" + code + "'"));
    }

    /** The catalog's parts before validation, so the validator sees them without recursion. */
    record Unchecked(List<Meter> meters, List<Plan> plans, List<CreditEvent> creditEvents,
                     List<CreditProduct> creditProducts) {
    }
}
