package io.billkit.application.service;

import io.billkit.application.port.in.credit.CreditBalanceView;
import io.billkit.application.port.in.credit.GetCreditBalanceUseCase;
import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.domain.customer.CustomerId;

import java.time.Clock;
import java.util.Objects;

/** The customer's spendable credits now, by bucket, with the next expiry (an empty ledger is all zeros). */
public final class GetCreditBalanceService implements GetCreditBalanceUseCase {
    private final CreditLedgerStore ledgers;
    private final Clock clock;

    public GetCreditBalanceService(CreditLedgerStore ledgers, Clock clock) {
        this.ledgers = Objects.requireNonNull(ledgers, "ledgers");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CreditBalanceView balance(CustomerId customer) {
        return CreditViews.balance(ledgers.load(Objects.requireNonNull(customer, "customer")), clock.instant());
    }
}
