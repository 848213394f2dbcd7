package io.billkit.application.contract;

import io.billkit.application.port.out.InvoicePaymentFailures;
import io.billkit.application.port.out.Transactions;
import io.billkit.domain.invoice.InvoiceId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link InvoicePaymentFailures} must do. Invoice ids are unique per test run. */
public abstract class InvoicePaymentFailuresContract {

    protected abstract InvoicePaymentFailures failures();

    protected abstract Transactions transactions();

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void each_failure_counts_one_and_a_provider_attempt_count_is_taken_when_larger() {
        InvoiceId invoice = InvoiceId.of("inv_" + run);
        assertThat(failures().failures(invoice)).isZero();

        assertThat(failures().recordFailure(invoice, OptionalInt.empty())).isEqualTo(1);
        assertThat(failures().recordFailure(invoice, OptionalInt.empty())).isEqualTo(2);
        assertThat(failures().recordFailure(invoice, OptionalInt.of(4))).isEqualTo(4);
        assertThat(failures().recordFailure(invoice, OptionalInt.of(3))).isEqualTo(4);
        assertThat(failures().failures(invoice)).isEqualTo(4);
        assertThat(failures().failures(InvoiceId.of("inv_other_" + run))).isZero();
    }

    @Test
    void a_first_failure_with_a_provider_count_starts_there() {
        InvoiceId invoice = InvoiceId.of("inv_first_" + run);
        assertThat(failures().recordFailure(invoice, OptionalInt.of(2))).isEqualTo(2);
    }

    @Test
    void a_failure_rolled_back_with_its_transaction_is_not_counted() {
        InvoiceId invoice = InvoiceId.of("inv_rb_" + run);
        failures().recordFailure(invoice, OptionalInt.empty());
        assertThatThrownBy(() -> transactions().run(() -> {
            failures().recordFailure(invoice, OptionalInt.empty());
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(failures().failures(invoice)).isEqualTo(1);
    }

    @Test
    void concurrent_failures_of_one_invoice_are_all_counted() throws Exception {
        InvoiceId invoice = InvoiceId.of("inv_race_" + run);

        List<Integer> counts = ConcurrentRunner.runConcurrently(8,
                () -> transactions().inTransaction(() -> failures().recordFailure(invoice, OptionalInt.empty())));

        assertThat(counts).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(failures().failures(invoice)).isEqualTo(8);
    }
}
