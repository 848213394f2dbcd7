package io.billkit.application.service;

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
 * Side-effect free: the live subscription's included credits for the period containing now and the expiry of
 * expired credits are shown as they will be written ({@code PeriodCredits#projected}), so a new period's
 * credits show from its first instant, before period close or a debit grants them; nothing is locked or written.
 */
public final class GetCreditBalanceService implements GetCreditBalanceUseCase {
    private final SubscriptionStore subscriptions;
    private final CreditLedgerStore ledgers;
    private final Catalog catalog;
    private final Clock clock;

    public GetCreditBalanceService(SubscriptionStore subscriptions, CreditLedgerStore ledgers, Catalog catalog,
                                   Transactions tx, AuditTrail audit, Clock clock) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.ledgers = Objects.requireNonNull(ledgers, "ledgers");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tx, "tx");
        Objects.requireNonNull(audit, "audit");
    }

    @Override
    public CreditBalanceView balance(CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        Instant now = clock.instant();
        return CreditViews.balance(PeriodCredits.projected(ledgers, subscriptions, catalog, customer, now), now);
    }
}
