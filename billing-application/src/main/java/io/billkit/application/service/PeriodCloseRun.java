package io.billkit.application.service;

import io.billkit.application.port.in.Actor;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.domain.BillingException;
import io.billkit.domain.invoice.InvoiceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The tally of one period-close run, shared by its {@link PeriodCloseJob}s. Used by one thread. */
public final class PeriodCloseRun {
    private static final Logger LOG = LoggerFactory.getLogger(PeriodCloseRun.class);

    private final Actor actor;
    private final List<InvoiceId> created = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private int alreadyInvoiced;

    public PeriodCloseRun(Actor actor) {
        this.actor = Objects.requireNonNull(actor, "actor");
    }

    public Actor actor() {
        return actor;
    }

    void created(InvoiceId invoice) {
        created.add(invoice);
    }

    void alreadyInvoiced() {
        alreadyInvoiced++;
    }

    void fail(String what, RuntimeException e) {
        String code = e instanceof BillingException be ? be.code().name() : e.getClass().getSimpleName();
        LOG.warn("period close: {} failed ({}): {}", what, code, e.getMessage());
        failures.add(what + ": " + code + ": " + e.getMessage());
    }

    public ClosePeriodResult result() {
        return new ClosePeriodResult(created, alreadyInvoiced, failures);
    }
}
