package io.billkit.domain.invoice;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Where an invoice is in its life. The legal moves are:
 * <pre>
 * DRAFT -> OPEN (finalize) | VOID (discard)
 * OPEN -> PAID | VOID | UNCOLLECTIBLE
 * UNCOLLECTIBLE -> PAID | VOID
 * </pre>
 * PAID and VOID are final. Any other move throws {@link ErrorCode#ILLEGAL_TRANSITION}.
 */
public enum InvoiceStatus {
    /** Being assembled: lines may still be added; no number yet. */
    DRAFT,
    /** Finalized: numbered, lines frozen, awaiting payment. */
    OPEN,
    /** Paid in full (final). */
    PAID,
    /** Cancelled: never owed (final). */
    VOID,
    /** Written off as unlikely to be paid; may still be paid or voided later. */
    UNCOLLECTIBLE;

    /** The statuses this one may move to (empty for final statuses). */
    public Set<InvoiceStatus> successors() {
        return switch (this) {
            case DRAFT -> EnumSet.of(OPEN, VOID);
            case OPEN -> EnumSet.of(PAID, VOID, UNCOLLECTIBLE);
            case UNCOLLECTIBLE -> EnumSet.of(PAID, VOID);
            case PAID, VOID -> EnumSet.noneOf(InvoiceStatus.class);
        };
    }

    public boolean canTransitionTo(InvoiceStatus target) {
        return successors().contains(Objects.requireNonNull(target, "target"));
    }

    /** True for statuses no transition leaves (PAID, VOID). */
    public boolean isFinal() {
        return successors().isEmpty();
    }

    /** {@code target} if the move is legal, else {@link ErrorCode#ILLEGAL_TRANSITION}. */
    public InvoiceStatus transitionTo(InvoiceStatus target) {
        if (!canTransitionTo(target)) {
            throw new BillingException(ErrorCode.ILLEGAL_TRANSITION,
                    "invoice cannot move from " + this + " to " + target);
        }
        return target;
    }
}
