package io.billkit.application.service;

import io.billkit.application.port.in.credit.CreditBalanceView;
import io.billkit.domain.credit.CreditBalance;
import io.billkit.domain.credit.CreditGrant;
import io.billkit.domain.credit.CreditLedger;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Maps a {@link CreditLedger} to a {@link CreditBalanceView} at one instant. */
final class CreditViews {
    private CreditViews() {
    }

    static CreditBalanceView balance(CreditLedger ledger, Instant at) {
        CreditBalance balance = ledger.balance(at);
        List<CreditGrant> expiring = ledger.grants().stream()
                .filter(g -> g.availableAt(at).signum() > 0 && g.expiresAt().isPresent())
                .toList();
        Optional<Instant> nextExpiry = expiring.stream().map(g -> g.expiresAt().orElseThrow()).min(Instant::compareTo);
        BigDecimal expiringNext = nextExpiry
                .map(next -> expiring.stream().filter(g -> g.expiresAt().orElseThrow().equals(next))
                        .map(CreditGrant::remaining).reduce(BigDecimal.ZERO, BigDecimal::add))
                .orElse(BigDecimal.ZERO);
        return new CreditBalanceView(ledger.customer(), balance.total(), balance.purchased(), balance.subscription(),
                balance.promotional(), nextExpiry, expiringNext, at);
    }
}
