package io.billkit.application.service;

import io.billkit.application.port.out.InvoiceDates;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.invoice.InvoiceLine;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.RoundingPolicy;
import io.billkit.domain.subscription.Subscription;
import io.billkit.domain.time.BillingPeriod;
import io.billkit.domain.time.TimeWindow;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The free trial on a period's invoice: the part of the period from its first instant to
 * {@code min(trialEnd, period end)} is free, so the base fee is reduced by
 * {@code base price x trial seconds / period seconds}, rounded once to the currency's minor unit with
 * {@link RoundingPolicy#PER_LINE_HALF_UP}, as one negative {@link InvoiceLine.AdjustmentLine}
 * "Free trial until &lt;local date of trialEnd&gt;". A trial covering the whole period nets the base fee to
 * zero. Only the base fee is discounted: metered overage of the trial is billed as usual. The trial is the
 * span up to {@link Subscription#trialEnd()}, whatever the subscription's status is now (a trial converted
 * by the provider or by period close still discounts its days). Period seconds are real seconds, so a
 * period with a DST change is 743 or 745 hours long.
 */
final class TrialDiscount {
    private static final RoundingPolicy ROUNDING = RoundingPolicy.PER_LINE_HALF_UP;

    private TrialDiscount() {
    }

    /** The trial's adjustment line for {@code period}; empty without a trial in the period or a base fee. */
    static Optional<InvoiceLine> line(Subscription subscription, Plan plan, BillingPeriod period) {
        return line(subscription, plan, period, period.window().end());
    }

    /**
     * The trial's adjustment line for the part of {@code period} billed up to {@code billedUntil} (the cancel
     * instant of a subscription cancelled mid-period): the free span ends at
     * {@code min(trialEnd, billedUntil, period end)}, so the trial and the cancel's unused share never overlap.
     */
    static Optional<InvoiceLine> line(Subscription subscription, Plan plan, BillingPeriod period, Instant billedUntil) {
        if (subscription.trialEnd().isEmpty() || !plan.basePrice().isPositive()) {
            return Optional.empty();
        }
        Instant trialEnd = subscription.trialEnd().get();
        TimeWindow window = period.window();
        if (!trialEnd.isAfter(window.start())) {
            return Optional.empty();
        }
        Instant cap = billedUntil.isBefore(window.end()) ? billedUntil : window.end();
        Instant freeUntil = trialEnd.isBefore(cap) ? trialEnd : cap;
        long trialSeconds = Duration.between(window.start(), freeUntil).getSeconds();
        long periodSeconds = window.length().getSeconds();
        Money base = plan.basePrice();
        BigDecimal share = base.amount().multiply(BigDecimal.valueOf(trialSeconds))
                .divide(BigDecimal.valueOf(periodSeconds), Money.minorDigits(base.currency()), ROUNDING.mode());
        if (share.signum() == 0) {
            return Optional.empty();
        }
        LocalDate until = LocalDate.ofInstant(trialEnd, period.zone());
        return Optional.of(new InvoiceLine.AdjustmentLine("Free trial until " + InvoiceDates.format(until),
                Money.of(share.negate(), base.currency())));
    }

    /** {@code lines} with the trial's line, if any, right after the base fee line (or first without one). */
    static List<InvoiceLine> withTrial(List<InvoiceLine> lines, Subscription subscription, Plan plan,
                                       BillingPeriod period) {
        return withTrial(lines, subscription, plan, period, period.window().end());
    }

    /** {@link #withTrial(List, Subscription, Plan, BillingPeriod)} for a period billed up to {@code billedUntil}. */
    static List<InvoiceLine> withTrial(List<InvoiceLine> lines, Subscription subscription, Plan plan,
                                       BillingPeriod period, Instant billedUntil) {
        Optional<InvoiceLine> trial = line(subscription, plan, period, billedUntil);
        if (trial.isEmpty()) {
            return lines;
        }
        List<InvoiceLine> withTrial = new ArrayList<>(lines);
        int base = 0;
        while (base < withTrial.size() && !(withTrial.get(base) instanceof InvoiceLine.BaseFeeLine)) {
            base++;
        }
        withTrial.add(base < withTrial.size() ? base + 1 : 0, trial.get());
        return List.copyOf(withTrial);
    }
}
