package io.billkit.domain.invoice;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static io.billkit.domain.invoice.InvoiceStatus.DRAFT;
import static io.billkit.domain.invoice.InvoiceStatus.OPEN;
import static io.billkit.domain.invoice.InvoiceStatus.PAID;
import static io.billkit.domain.invoice.InvoiceStatus.UNCOLLECTIBLE;
import static io.billkit.domain.invoice.InvoiceStatus.VOID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvoiceStatusTest {

    private static final Map<InvoiceStatus, Set<InvoiceStatus>> LEGAL = Map.of(
            DRAFT, EnumSet.of(OPEN, VOID),
            OPEN, EnumSet.of(PAID, VOID, UNCOLLECTIBLE),
            UNCOLLECTIBLE, EnumSet.of(PAID, VOID),
            PAID, EnumSet.noneOf(InvoiceStatus.class),
            VOID, EnumSet.noneOf(InvoiceStatus.class));

    @Test
    void every_pair_of_statuses_is_legal_exactly_when_the_design_allows_it() {
        for (InvoiceStatus from : InvoiceStatus.values()) {
            for (InvoiceStatus to : InvoiceStatus.values()) {
                boolean legal = LEGAL.get(from).contains(to);
                assertThat(from.canTransitionTo(to)).as(from + " -> " + to).isEqualTo(legal);
                if (legal) {
                    assertThat(from.transitionTo(to)).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> from.transitionTo(to)).as(from + " -> " + to)
                            .isInstanceOf(BillingException.class)
                            .extracting(e -> ((BillingException) e).code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION);
                }
            }
        }
    }

    @Test
    void paid_and_void_are_final_and_nothing_returns_to_draft() {
        assertThat(EnumSet.allOf(InvoiceStatus.class)).filteredOn(InvoiceStatus::isFinal).containsExactlyInAnyOrder(PAID, VOID);
        for (InvoiceStatus from : InvoiceStatus.values()) {
            assertThat(from.canTransitionTo(DRAFT)).isFalse();
            assertThat(from.canTransitionTo(from)).as("self transition of " + from).isFalse();
        }
    }
}
