package io.billkit.application.service;

import io.billkit.application.port.in.credit.CreditGrantView;
import io.billkit.application.port.in.credit.GrantCreditsCommand;
import io.billkit.application.port.in.credit.GrantCreditsUseCase;
import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.credit.CreditGrant;
import io.billkit.domain.credit.CreditGrantId;
import io.billkit.domain.credit.CreditLedger;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Grants credits by hand (admin) or from the system, starting now: PURCHASED never expire (an
 * {@code expiresAt} is INVALID_ARGUMENT), SUBSCRIPTION and PROMOTIONAL need one after now. The reason
 * becomes the grant's reference (at most 256 characters). The grant's id is derived from the customer and the
 * client's idempotency key, and looked up in the ledger after it is loaded (and locked, in PostgreSQL): a retried
 * grant (network retry, double click), even a concurrent one, finds the first and is replayed without adding
 * credits; the same key with another source, amount, expiry or reason is IDEMPOTENCY_KEY_REUSED and writes nothing.
 * The dedup is durable (the grant row itself), not bounded by a retention window.
 */
public final class GrantCreditsService implements GrantCreditsUseCase {
    private final CustomerStore customers;
    private final CreditLedgerStore ledgers;
    private final Outbox outbox;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;

    public GrantCreditsService(CustomerStore customers, CreditLedgerStore ledgers, Outbox outbox, Transactions tx,
                               AuditTrail audit, Clock clock) {
        this.customers = Objects.requireNonNull(customers, "customers");
        this.ledgers = Objects.requireNonNull(ledgers, "ledgers");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CreditGrantView grant(GrantCreditsCommand command) {
        Customers.require(customers, command.customer());
        Instant now = clock.instant();
        CreditGrantId id = CreditGrantId.of("grant_" + DerivedIds.hash("grant", command.customer().value(),
                command.idempotencyKey()));
        CreditGrant grant = switch (command.source()) {
            case PURCHASED -> {
                BillingException.require(command.expiresAt().isEmpty(), "expiresAt: purchased credits never expire");
                yield CreditGrant.purchased(id, command.customer(), command.amount(), now, command.reason());
            }
            case SUBSCRIPTION -> CreditGrant.subscription(id, command.customer(), command.amount(), now,
                    requireExpiry(command), command.reason());
            case PROMOTIONAL -> CreditGrant.promotional(id, command.customer(), command.amount(), now,
                    requireExpiry(command), command.reason());
        };
        return tx.inTransaction(() -> {
            CreditLedger ledger = ledgers.load(command.customer());
            Optional<CreditGrant> earlier = ledger.grant(id);
            if (earlier.isPresent()) {
                if (!sameGrant(earlier.get(), grant)) {
                    throw new BillingException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "idempotency key "
                            + command.idempotencyKey() + " already granted " + earlier.get().amount().toPlainString()
                            + " " + earlier.get().source() + " credits; use a new key for a new grant");
                }
                return new CreditGrantView(id.value(), true, CreditViews.balance(ledger, now));
            }
            var granted = ledger.grant(grant);
            ledgers.apply(ledger.version(), granted);
            Map<String, String> data = new HashMap<>();
            data.put("grant", id.value());
            data.put("source", grant.source().name());
            data.put("amount", grant.amount().toPlainString());
            data.put("reason", command.reason());
            grant.expiresAt().ifPresent(at -> data.put("expiresAt", at.toString()));
            OutboxEvents.append(outbox, "credits.granted", id.value(), command.customer(), data, now);
            audit.record(command.actor(), "credits.granted", command.customer(), data);
            return new CreditGrantView(id.value(), false, CreditViews.balance(granted.ledger(), now));
        });
    }

    /** The same request: source, amount, expiry and reason (the grant time is the first attempt's). */
    private static boolean sameGrant(CreditGrant earlier, CreditGrant requested) {
        return earlier.source() == requested.source()
                && earlier.amount().compareTo(requested.amount()) == 0
                && earlier.expiresAt().equals(requested.expiresAt())
                && earlier.reference().equals(requested.reference());
    }

    private static Instant requireExpiry(GrantCreditsCommand command) {
        return command.expiresAt().orElseThrow(() ->
                BillingException.invalid("expiresAt: " + command.source() + " credits need an expiry"));
    }
}
