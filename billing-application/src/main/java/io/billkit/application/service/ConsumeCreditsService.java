package io.billkit.application.service;

import io.billkit.application.port.in.credit.ConsumeCreditsCommand;
import io.billkit.application.port.in.credit.ConsumeCreditsUseCase;
import io.billkit.application.port.in.credit.CreditConsumptionView;
import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.LowBalanceThresholdStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.CreditEvent;
import io.billkit.domain.credit.CreditConsumptionPolicy;
import io.billkit.domain.credit.CreditDebit;
import io.billkit.domain.credit.CreditLedger;
import io.billkit.domain.credit.CreditPrice;
import io.billkit.domain.credit.CreditTransaction;
import io.billkit.domain.credit.CreditTransactionType;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Spends credits for a catalog credit event: cost = quantity x the event's credits ({@link CreditPrice}),
 * debited all-or-nothing in the default order (purchased first, then subscription, then promotional);
 * INSUFFICIENT_CREDITS changes nothing. The debit carries {@code consume:<requestId>} as its reference,
 * and the same request id debits once: the ledger is loaded (and locked, in PostgreSQL) before the
 * reference is looked up, so even concurrent repeats find the first debit and are replayed. Before the
 * ledger is read, the live subscription's included credits for the period containing now are granted if
 * they are not yet, and expired credits are expired ({@code PeriodCredits#ensureCurrent}), in the same
 * transaction: a new period's credits can be spent from its first instant, not only after period close.
 * A request id reused for a request of another cost is IDEMPOTENCY_KEY_REUSED (nothing is debited), not a
 * replay of the first debit.
 *
 * <p>Low balance: when a debit takes the spendable balance from at or above the threshold (the customer's own,
 * else its live plan's, else the default {@value #DEFAULT_LOW_BALANCE_THRESHOLD} credits) to below it, the same transaction writes one
 * {@code credits.balance_low} outbox event (delivered as an outbound webhook) and audit entry. A crossing is a
 * debit from {@code >= threshold} to {@code < threshold}, so further debits below it alert nothing, and the alert is
 * re-armed once grants or purchases bring the balance back to the threshold or above (the next crossing alerts
 * again). A drop caused only by credits expiring is not a crossing by itself.
 */
public final class ConsumeCreditsService implements ConsumeCreditsUseCase {
    private final CustomerStore customers;
    private final SubscriptionStore subscriptions;
    private final CreditLedgerStore ledgers;
    private final Catalog catalog;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;
    private final PeriodCredits periodCredits;
    private final Optional<Outbox> outbox;
    private final BigDecimal lowBalanceThreshold;
    private final Optional<LowBalanceThresholds> thresholds;

    /** The spendable balance below which a debit raises {@code credits.balance_low}. */
    public static final long DEFAULT_LOW_BALANCE_THRESHOLD = 1_000;

    /** Without low-balance alerts. */
    public ConsumeCreditsService(CustomerStore customers, SubscriptionStore subscriptions, CreditLedgerStore ledgers,
                                 Catalog catalog, Transactions tx, AuditTrail audit, Clock clock) {
        this(customers, subscriptions, ledgers, catalog, tx, audit, clock, Optional.empty(),
                BigDecimal.valueOf(DEFAULT_LOW_BALANCE_THRESHOLD));
    }

    /** With low-balance alerts to {@code outbox} below {@code lowBalanceThreshold} (>= 0) credits. */
    public ConsumeCreditsService(CustomerStore customers, SubscriptionStore subscriptions, CreditLedgerStore ledgers,
                                 Catalog catalog, Transactions tx, AuditTrail audit, Clock clock, Outbox outbox,
                                 BigDecimal lowBalanceThreshold) {
        this(customers, subscriptions, ledgers, catalog, tx, audit, clock,
                Optional.of(Objects.requireNonNull(outbox, "outbox")), lowBalanceThreshold);
    }

    /**
     * With low-balance alerts to {@code outbox} below the threshold in effect for the customer: its own in
     * {@code thresholds}, else its live plan's, else {@code defaultThreshold} (>= 0) credits.
     */
    public ConsumeCreditsService(CustomerStore customers, SubscriptionStore subscriptions, CreditLedgerStore ledgers,
                                 Catalog catalog, Transactions tx, AuditTrail audit, Clock clock, Outbox outbox,
                                 LowBalanceThresholdStore thresholds, BigDecimal defaultThreshold) {
        this(customers, subscriptions, ledgers, catalog, tx, audit, clock,
                Optional.of(Objects.requireNonNull(outbox, "outbox")), defaultThreshold,
                Optional.of(Objects.requireNonNull(thresholds, "thresholds")));
    }

    private ConsumeCreditsService(CustomerStore customers, SubscriptionStore subscriptions, CreditLedgerStore ledgers,
                                  Catalog catalog, Transactions tx, AuditTrail audit, Clock clock,
                                  Optional<Outbox> outbox, BigDecimal lowBalanceThreshold) {
        this(customers, subscriptions, ledgers, catalog, tx, audit, clock, outbox, lowBalanceThreshold,
                Optional.empty());
    }

    private ConsumeCreditsService(CustomerStore customers, SubscriptionStore subscriptions, CreditLedgerStore ledgers,
                                  Catalog catalog, Transactions tx, AuditTrail audit, Clock clock,
                                  Optional<Outbox> outbox, BigDecimal lowBalanceThreshold,
                                  Optional<LowBalanceThresholdStore> thresholdStore) {
        this.outbox = outbox;
        this.thresholds = thresholdStore.map(store -> new LowBalanceThresholds(store, subscriptions,
                lowBalanceThreshold));
        this.lowBalanceThreshold = Objects.requireNonNull(lowBalanceThreshold, "lowBalanceThreshold");
        BillingException.require(lowBalanceThreshold.signum() >= 0, "lowBalanceThreshold must not be negative");
        this.customers = Objects.requireNonNull(customers, "customers");
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.ledgers = Objects.requireNonNull(ledgers, "ledgers");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.periodCredits = new PeriodCredits(ledgers, audit);
    }

    @Override
    public CreditConsumptionView consume(ConsumeCreditsCommand command) {
        BillingException.require(!command.requestId().isBlank(), "requestId must not be blank");
        BillingException.require(command.quantity().signum() > 0,
                "quantity must be greater than 0 but was " + command.quantity().toPlainString());
        CreditEvent event = catalog.requireCreditEvent(command.creditEvent());
        BigDecimal cost = CreditPrice.of(event, command.quantity());
        Customers.require(customers, command.customer());
        String reference = "consume:" + command.requestId();

        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            CreditLedger ledger = periodCredits.ensureCurrent(subscriptions, catalog, command.customer(), now,
                    command.actor());
            List<CreditTransaction> earlier = ledgers.transactionsByReference(command.customer(), reference).stream()
                    .filter(t -> t.type() == CreditTransactionType.DEBIT).toList();
            if (!earlier.isEmpty()) {
                BigDecimal debited = earlier.stream().map(CreditTransaction::amount)
                        .reduce(BigDecimal.ZERO, BigDecimal::add).negate();
                if (debited.compareTo(cost) != 0) {
                    throw new BillingException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "requestId " + command.requestId()
                            + " already debited " + debited.toPlainString() + " credits; this request costs "
                            + cost.toPlainString() + " (use a new requestId for a new consumption)");
                }
                return new CreditConsumptionView(command.requestId(), command.creditEvent(), command.quantity(),
                        debited, true, CreditViews.balance(ledger, now));
            }
            CreditDebit debit = ledger.debit(cost, now, CreditConsumptionPolicy.DEFAULT, reference);
            ledgers.apply(ledger.version(), debit);
            audit.record(command.actor(), "credits.consumed", command.customer(), Map.of(
                    "requestId", command.requestId(), "creditEvent", event.name(),
                    "quantity", command.quantity().toPlainString(), "credits", cost.toPlainString()));
            alertOnLowBalance(command, ledger.balance(now).total(), debit.ledger().balance(now).total(), now);
            return new CreditConsumptionView(command.requestId(), command.creditEvent(), command.quantity(), cost,
                    false, CreditViews.balance(debit.ledger(), now));
        });
    }

    private void alertOnLowBalance(ConsumeCreditsCommand command, BigDecimal before, BigDecimal after, Instant now) {
        if (outbox.isEmpty()) {
            return;
        }
        BigDecimal threshold = thresholds.map(t -> t.forCustomer(command.customer()).threshold())
                .orElse(lowBalanceThreshold);
        if (before.compareTo(threshold) < 0 || after.compareTo(threshold) >= 0) {
            return;
        }
        Map<String, String> data = Map.of("balance", after.toPlainString(), "previousBalance", before.toPlainString(),
                "threshold", threshold.toPlainString(), "requestId", command.requestId());
        OutboxEvents.append(outbox.get(), "credits.balance_low", command.customer().value(), command.customer(), data, now);
        audit.record(command.actor(), "credits.balance_low", command.customer(), data);
    }
}
