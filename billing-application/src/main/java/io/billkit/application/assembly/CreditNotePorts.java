package io.billkit.application.assembly;

import io.billkit.application.port.out.CreditNoteRenderer;
import io.billkit.application.port.out.CreditNoteStore;
import io.billkit.application.port.out.CustomerBalanceStore;

import java.util.Objects;

/** The driven ports of credit notes: their store, the customers' money balances and the credit note renderer. */
public record CreditNotePorts(CreditNoteStore notes, CustomerBalanceStore balances, CreditNoteRenderer renderer) {
    public CreditNotePorts {
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(balances, "balances");
        Objects.requireNonNull(renderer, "renderer");
    }
}
