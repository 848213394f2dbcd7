package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.credit.CreditBalanceView;
import io.billkit.application.port.in.credit.GetCreditBalanceUseCase;
import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.application.port.out.SubscriptionStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.customer.CustomerId;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The customer's spendable credits now, by bucket, with the next expiry (an empty ledger is all zeros).
 * In one transaction it first makes sure the live subscription's included credits for the period containing
 * now are granted and expired credits are expired ({@code PeriodCredits#ensureCurrent}, audited as the
 * {@code system} actor), so a new period's credits show from its first instant, before period close runs.
 */
public final class GetCreditBalanceService implements GetCreditBalanceUseCase {
    private final SubscriptionStore subscriptions;
    private final CreditLedgerStore ledgers;
    private final Catalog catalog;
    private final Transactions tx;
    private final Clock clock;
    private final PeriodCredits periodCredits;

    public GetCreditBalanceService(SubscriptionStore subscriptions, CreditLedgerStore ledgers, Catalog catalog,
                                   Transactions tx, AuditTrail audit, Clock clock) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.ledgers = Objects.requireNonNull(ledgers, "ledgers");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.periodCredits = new PeriodCredits(ledgers, Objects.requireNonNull(audit, "audit"));
    }

    @Override
    public CreditBalanceView balance(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        return tx.inTransaction(() -> {
            Instant now = clock.instant();
            return CreditViews.balance(periodCredits.ensureCurrent(subscriptions, catalog, customer, now,
                    Actor.system()), now);
        });
    }
}
