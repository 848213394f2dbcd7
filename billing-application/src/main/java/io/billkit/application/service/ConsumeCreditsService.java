package io.billkit.application.service;

import io.billkit.application.port.in.credit.ConsumeCreditsCommand;
import io.billkit.application.port.in.credit.ConsumeCreditsUseCase;
import io.billkit.application.port.in.credit.CreditConsumptionView;
import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.SubscriptionStore;
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

    public ConsumeCreditsService(CustomerStore customers, SubscriptionStore subscriptions, CreditLedgerStore ledgers,
                                 Catalog catalog, Transactions tx, AuditTrail audit, Clock clock) {
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
            return new CreditConsumptionView(command.requestId(), command.creditEvent(), command.quantity(), cost,
                    false, CreditViews.balance(debit.ledger(), now));
        });
    }
}
