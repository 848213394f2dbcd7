package io.billkit.domain.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a catalog's internal consistency and returns every problem found, each naming the plan and
 * meter involved, so a catalog author fixes them all in one pass.
 */
final class CatalogValidator {

    private CatalogValidator() {
    }

    static List<String> problems(Catalog.Unchecked catalog) {
        List<String> problems = new ArrayList<>();
        Set<MeterKey> meterKeys = new HashSet<>();
        for (Meter meter : catalog.meters()) {
            if (!meterKeys.add(meter.key())) {
                problems.add("meter '" + meter.key() + "' is defined twice");
            }
        }
        Set<PlanCode> planCodes = new HashSet<>();
        for (Plan plan : catalog.plans()) {
            if (!planCodes.add(plan.code())) {
                problems.add("plan '" + plan.code() + "' is defined twice");
            }
            if (!plan.basePrice().currency().equals(plan.currency())) {
                problems.add("plan '" + plan.code() + "': base price is in " + plan.basePrice().currencyCode()
                        + " but the plan bills in " + plan.currency().getCurrencyCode());
            }
            if (plan.basePrice().isNegative()) {
                problems.add("plan '" + plan.code() + "': base price must not be negative");
            }
            if (plan.includedCredits().signum() < 0) {
                problems.add("plan '" + plan.code() + "': included credits must not be negative");
            }
            Set<MeterKey> seen = new HashSet<>();
            for (MeterTerms terms : plan.meters()) {
                String where = "plan '" + plan.code() + "', meter '" + terms.meter() + "'";
                if (!meterKeys.contains(terms.meter())) {
                    problems.add(where + ": meter is not defined in the catalog");
                }
                if (!seen.add(terms.meter())) {
                    problems.add(where + ": terms are given twice");
                }
                if (!terms.overagePrice().currency().equals(plan.currency())) {
                    problems.add(where + ": overage price is in " + terms.overagePrice().currency().getCurrencyCode()
                            + " but the plan bills in " + plan.currency().getCurrencyCode());
                }
                if (terms.allowance().isUnlimited() && terms.allowance().mode() == LimitMode.HARD) {
                    problems.add(where + ": an unlimited allowance cannot be HARD");
                }
            }
        }
        Set<String> events = new HashSet<>();
        for (CreditEvent event : catalog.creditEvents()) {
            if (!events.add(event.name())) {
                problems.add("credit event '" + event.name() + "' is defined twice");
            }
        }
        Set<String> products = new HashSet<>();
        for (CreditProduct product : catalog.creditProducts()) {
            if (!products.add(product.code())) {
                problems.add("credit product '" + product.code() + "' is defined twice");
            }
        }
        return problems;
    }
}
