package io.billkit.application.service;

import io.billkit.application.port.in.dunning.DunningAttemptView;
import io.billkit.application.port.in.dunning.DunningCaseView;
import io.billkit.application.port.out.DunningStore;
import io.billkit.application.port.out.InvoiceStore;
import io.billkit.domain.dunning.DunningCase;
import io.billkit.domain.invoice.InvoiceNumber;

/** Maps dunning cases to their views. */
final class DunningViews {
    private DunningViews() {
    }

    static DunningCaseView of(DunningCase c, DunningStore store, InvoiceStore invoices) {
        return new DunningCaseView(c.invoice(),
                invoices.find(c.invoice()).flatMap(i -> i.number()).map(InvoiceNumber::toString),
                c.subscription(), c.customer(), c.status(), c.policy().retryDays(), c.policy().finalAction(),
                c.startedAt(), c.retriesMade(), c.nextRetryAt(), c.endedAt(),
                store.attempts(c.invoice()).stream()
                        .map(a -> new DunningAttemptView(a.number(), a.at(), a.outcome(), a.detail())).toList());
    }
}
