package io.billkit.domain.credit;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One customer's credits: the grants they hold (in the order they were added, exhausted and
 * expired ones included) and the number of history entries produced so far.
 *
 * <p>The ledger is an immutable value. Every operation returns a {@link CreditLedgerChange} with the
 * new ledger and the {@link CreditTransaction}s to persist; a refused operation throws and leaves
 * nothing changed. Transaction ids are {@code <customerId>:<sequence>}, the sequence continuing
 * from {@link #version()}, which a store can also use for optimistic locking.
 *
 * <p>Credits are spendable on a grant's active span {@code [grantedAt, expiresAt)}: {@link #balance}
 * and {@link #debit} ignore expired grants even before {@link #expire} has recorded their expiry.
 *
 * @param customer whose ledger this is
 * @param grants   every grant, unique ids, all of {@code customer}
 * @param version  how many transactions this ledger has produced, {@code >= 0}
 */
public record CreditLedger(CustomerId customer, List<CreditGrant> grants, long version) {

    public CreditLedger {
        Objects.requireNonNull(customer, "customer");
        grants = List.copyOf(Objects.requireNonNull(grants, "grants"));
        BillingException.require(version >= 0, "ledger version must not be negative but was " + version);
        Set<CreditGrantId> ids = new HashSet<>();
        for (CreditGrant grant : grants) {
            BillingException.require(grant.customer().equals(customer),
                    "grant " + grant.id() + " belongs to customer " + grant.customer() + ", not " + customer);
            BillingException.require(ids.add(grant.id()), "grant id " + grant.id() + " appears twice");
        }
    }

    /** A ledger with no grants and no history. */
    public static CreditLedger empty(CustomerId customer) {
        return new CreditLedger(customer, List.of(), 0);
    }

    /** The grant with {@code id}, if this ledger holds it. */
    public Optional<CreditGrant> grant(CreditGrantId id) {
        Objects.requireNonNull(id, "id");
        return grants.stream().filter(g -> g.id().equals(id)).findFirst();
    }

    /** The grant with {@code id}, or {@link ErrorCode#NOT_FOUND}. */
    public CreditGrant requireGrant(CreditGrantId id) {
        return grant(id).orElseThrow(() -> new BillingException(ErrorCode.NOT_FOUND,
                "customer " + customer + " has no credit grant " + id));
    }

    /** Spendable credits at {@code at}, in total and per source. */
    public CreditBalance balance(Instant at) {
        Objects.requireNonNull(at, "at");
        BigDecimal purchased = BigDecimal.ZERO;
        BigDecimal subscription = BigDecimal.ZERO;
        BigDecimal promotional = BigDecimal.ZERO;
        for (CreditGrant grant : grants) {
            BigDecimal available = grant.availableAt(at);
            switch (grant.source()) {
                case PURCHASED -> purchased = purchased.add(available);
                case SUBSCRIPTION -> subscription = subscription.add(available);
                case PROMOTIONAL -> promotional = promotional.add(available);
            }
        }
        return new CreditBalance(at, purchased.add(subscription).add(promotional), purchased, subscription, promotional);
    }

    /** The grants with credits to spend at {@code at}, first to be consumed under {@code policy} first. */
    public List<CreditGrant> consumptionOrder(Instant at, CreditConsumptionPolicy policy) {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(policy, "policy");
        return grants.stream()
                .filter(g -> g.availableAt(at).signum() > 0)
                .sorted(policy.comparator())
                .toList();
    }

    /**
     * Adds a fresh grant (nothing consumed yet) and records a {@link CreditTransactionType#GRANT GRANT}
     * at its {@code grantedAt}. A grant id already in the ledger is a {@link ErrorCode#CONFLICT}.
     */
    public CreditGranted grant(CreditGrant grant) {
        Objects.requireNonNull(grant, "grant");
        BillingException.require(grant.customer().equals(customer),
                "grant " + grant.id() + " is for customer " + grant.customer() + ", not " + customer);
        BillingException.require(grant.remaining().compareTo(grant.amount()) == 0,
                "grant " + grant.id() + " must be fresh: remaining " + grant.remaining().toPlainString()
                        + " differs from amount " + grant.amount().toPlainString());
        if (grant(grant.id()).isPresent()) {
            throw new BillingException(ErrorCode.CONFLICT,
                    "customer " + customer + " already has a credit grant " + grant.id());
        }
        List<CreditGrant> next = new ArrayList<>(grants);
        next.add(grant);
        CreditTransaction transaction = transaction(version + 1, CreditTransactionType.GRANT, grant.amount(),
                grant.id(), grant.reference(), grant.grantedAt());
        return new CreditGranted(grant, new CreditLedger(customer, next, version + 1), transaction);
    }

    /** {@link #debit(BigDecimal, Instant, CreditConsumptionPolicy, String)} without a reference. */
    public CreditDebit debit(BigDecimal amount, Instant at, CreditConsumptionPolicy policy) {
        return debit(amount, at, policy, "");
    }

    /**
     * Consumes {@code amount} credits from the grants active at {@code at}, in {@code policy}'s order,
     * all or nothing. Records one {@link CreditTransactionType#DEBIT DEBIT} per grant touched, each
     * carrying {@code reference}.
     *
     * @throws BillingException {@link ErrorCode#INVALID_ARGUMENT} unless {@code amount > 0} with at
     *                          most 6 decimals; {@link ErrorCode#INSUFFICIENT_CREDITS} (naming the
     *                          requested and available credits) when the balance at {@code at} is
     *                          smaller than {@code amount}
     */
    public CreditDebit debit(BigDecimal amount, Instant at, CreditConsumptionPolicy policy, String reference) {
        CreditAmounts.requirePositive(amount, "debit amount");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(reference, "reference");
        BigDecimal available = balance(at).total();
        if (available.compareTo(amount) < 0) {
            throw new BillingException(ErrorCode.INSUFFICIENT_CREDITS, "customer " + customer + " requested "
                    + amount.toPlainString() + " credits but only " + available.toPlainString()
                    + " are available at " + at);
        }
        List<CreditGrant> next = new ArrayList<>(grants);
        List<CreditAllocation> allocations = new ArrayList<>();
        List<CreditTransaction> transactions = new ArrayList<>();
        long sequence = version;
        BigDecimal outstanding = amount;
        for (CreditGrant grant : consumptionOrder(at, policy)) {
            if (outstanding.signum() == 0) {
                break;
            }
            BigDecimal taken = grant.remaining().min(outstanding);
            outstanding = outstanding.subtract(taken);
            next.set(indexOf(grant.id()), grant.withRemaining(grant.remaining().subtract(taken)));
            allocations.add(new CreditAllocation(grant.id(), taken));
            transactions.add(transaction(++sequence, CreditTransactionType.DEBIT, taken.negate(), grant.id(),
                    reference, at));
        }
        return new CreditDebit(amount, allocations, new CreditLedger(customer, next, sequence), transactions);
    }

    /**
     * Records the expiry of every grant whose {@code expiresAt} is at or before {@code at} and that
     * still holds credits: its remaining credits go to zero with an
     * {@link CreditTransactionType#EXPIRY EXPIRY} dated at its {@code expiresAt}. Grants are handled
     * in ledger order. Purchased credits never expire.
     */
    public CreditExpiry expire(Instant at) {
        Objects.requireNonNull(at, "at");
        List<CreditGrant> next = new ArrayList<>(grants);
        List<CreditAllocation> expired = new ArrayList<>();
        List<CreditTransaction> transactions = new ArrayList<>();
        long sequence = version;
        for (int i = 0; i < next.size(); i++) {
            CreditGrant grant = next.get(i);
            if (grant.isExpiredAt(at) && !grant.isExhausted()) {
                next.set(i, grant.withRemaining(BigDecimal.ZERO));
                expired.add(new CreditAllocation(grant.id(), grant.remaining()));
                transactions.add(transaction(++sequence, CreditTransactionType.EXPIRY, grant.remaining().negate(),
                        grant.id(), "expired at " + grant.expiresAt().orElseThrow(), grant.expiresAt().orElseThrow()));
            }
        }
        CreditLedger after = transactions.isEmpty() ? this : new CreditLedger(customer, next, sequence);
        return new CreditExpiry(at, expired, after, transactions);
    }

    /**
     * Gives debited credits back to the grants they were taken from (e.g. the allocations of a
     * {@link CreditDebit} whose action was refunded), all or nothing, with one
     * {@link CreditTransactionType#REVERSAL REVERSAL} per allocation carrying {@code reason}.
     * A grant can get back at most what it has used; credits given back to a grant that has expired
     * are not spendable and are lost again at the next {@link #expire}.
     *
     * @throws BillingException {@link ErrorCode#NOT_FOUND} for an unknown grant,
     *                          {@link ErrorCode#INVALID_ARGUMENT} when more would be given back than
     *                          the grant used or when {@code allocations} is empty
     */
    public CreditReversal reverse(List<CreditAllocation> allocations, Instant at, String reason) {
        Objects.requireNonNull(allocations, "allocations");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        BillingException.require(!allocations.isEmpty(), "a reversal needs at least one allocation");
        List<CreditGrant> next = new ArrayList<>(grants);
        List<CreditTransaction> transactions = new ArrayList<>();
        long sequence = version;
        for (CreditAllocation allocation : allocations) {
            Objects.requireNonNull(allocation, "allocation");
            CreditGrant grant = requireGrant(allocation.grantId());
            int index = indexOf(grant.id());
            CreditGrant current = next.get(index);
            BillingException.require(allocation.amount().compareTo(current.used()) <= 0,
                    "cannot give back " + allocation.amount().toPlainString() + " credits to grant " + grant.id()
                            + ": it has used only " + current.used().toPlainString());
            next.set(index, current.withRemaining(current.remaining().add(allocation.amount())));
            transactions.add(transaction(++sequence, CreditTransactionType.REVERSAL, allocation.amount(),
                    grant.id(), reason, at));
        }
        return new CreditReversal(allocations, new CreditLedger(customer, next, sequence), transactions);
    }

    private int indexOf(CreditGrantId id) {
        for (int i = 0; i < grants.size(); i++) {
            if (grants.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new BillingException(ErrorCode.NOT_FOUND, "customer " + customer + " has no credit grant " + id);
    }

    private CreditTransaction transaction(long sequence, CreditTransactionType type, BigDecimal amount,
                                          CreditGrantId grantId, String reference, Instant at) {
        return new CreditTransaction(CreditTransactionId.of(customer.value() + ":" + sequence), customer, type,
                amount, Optional.of(grantId), reference, at);
    }
}
