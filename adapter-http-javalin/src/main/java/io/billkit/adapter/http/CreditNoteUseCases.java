package io.billkit.adapter.http;

import io.billkit.application.port.in.creditnote.GetCreditNoteUseCase;
import io.billkit.application.port.in.creditnote.GetCustomerBalanceUseCase;
import io.billkit.application.port.in.creditnote.IssueCreditNoteUseCase;
import io.billkit.application.port.in.creditnote.ListCreditNotesUseCase;
import io.billkit.application.port.in.creditnote.RenderCreditNotePdfUseCase;
import io.billkit.application.port.in.creditnote.RetryCreditNoteRefundUseCase;

import java.util.Objects;

/** The credit note use cases the HTTP API calls (one component of {@link HttpUseCases}). */
public record CreditNoteUseCases(IssueCreditNoteUseCase issue, RetryCreditNoteRefundUseCase retryRefund,
                                 ListCreditNotesUseCase list, GetCreditNoteUseCase get,
                                 RenderCreditNotePdfUseCase renderPdf, GetCustomerBalanceUseCase balance) {
    public CreditNoteUseCases {
        Objects.requireNonNull(issue, "issue");
        Objects.requireNonNull(retryRefund, "retryRefund");
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(get, "get");
        Objects.requireNonNull(renderPdf, "renderPdf");
        Objects.requireNonNull(balance, "balance");
    }
}
