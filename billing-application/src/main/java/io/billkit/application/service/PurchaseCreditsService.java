package io.billkit.application.service;

import io.billkit.application.port.in.credit.CreditBalanceView;
import io.billkit.application.port.in.credit.PurchaseCreditsCommand;
import io.billkit.application.port.in.credit.PurchaseCreditsUseCase;
import io.billkit.application.port.out.CreditLedgerStore;
import io.billkit.application.port.out.CustomerStore;
import io.billkit.application.port.out.Outbox;
import io.billkit.application.port.out.ProviderReferenceStore;
import io.billkit.application.port.out.Transactions;
import io.billkit.application.port.out.provider.ProviderCustomerAccounts;
import io.billkit.application.port.out.provider.ProviderInvoices;
import io.billkit.application.port.out.provider.ProviderInvoice;
import io.billkit.application.port.out.provider.ProviderInvoiceItem;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.CreditProduct;
import io.billkit.domain.credit.CreditGrant;
import io.billkit.domain.credit.CreditGrantId;
import io.billkit.domain.credit.CreditLedger;
import io.billkit.domain.customer.Customer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Buys a credit pack: charges its price through the payment provider (an invoice with one item, paid at
 * once), then grants its PURCHASED credits (never expiring). The grant id and both provider idempotency
 * keys are derived from the customer and the command's idempotency key, so the same key buys once: a
 * repeat finds the grant and returns the balance without calling the provider, and a retry after a
 * failed local write reuses the provider's invoice and payment. A declined card ({@code PAYMENT_FAILED})
 * grants nothing; the failure is audited and rethrown.
 */
public final class PurchaseCreditsService implements PurchaseCreditsUseCase {
    private final CustomerStore customers;
    private final CreditLedgerStore ledgers;
    private final ProviderReferenceStore references;
    private final ProviderCustomerAccounts accounts;
    private final ProviderInvoices provider;
    private final Catalog catalog;
    private final Outbox outbox;
    private final Transactions tx;
    private final AuditTrail audit;
    private final Clock clock;

    public PurchaseCreditsService(CustomerStore customers, CreditLedgerStore ledgers, ProviderReferenceStore references,
                                  ProviderCustomerAccounts accounts, ProviderInvoices provider, Catalog catalog, Outbox outbox, Transactions tx,
                                  AuditTrail audit, Clock clock) {
        this.customers = Objects.requireNonNull(customers, "customers");
        this.ledgers = Objects.requireNonNull(ledgers, "ledgers");
        this.references = Objects.requireNonNull(references, "references");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public CreditBalanceView purchase(PurchaseCreditsCommand command) {
        BillingException.require(!command.idempotencyKey().isBlank(), "idempotencyKey must not be blank");
        Customer customer = Customers.require(customers, command.customer());
        CreditProduct product = catalog.requireCreditProduct(command.productCode());
        String operation = DerivedIds.hash(customer.id().value(), command.idempotencyKey());
        CreditGrantId grantId = CreditGrantId.of("purchase_" + operation);

        CreditLedger before = ledgers.load(customer.id());
        if (before.grant(grantId).isPresent()) {
            return CreditViews.balance(before, clock.instant());
        }

        String providerCustomer = ProviderCustomers.ensure(customer, references, accounts, tx);
        ProviderInvoice paid;
        try {
            ProviderInvoice invoice = provider.createInvoice(providerCustomer,
                    List.of(new ProviderInvoiceItem(product.name(), product.price())),
                    LocalDate.ofInstant(clock.instant(), customer.timeZone()),
                    Map.of("billkit_customer", customer.id().value(), "credit_product", product.code(),
                            "billkit_operation", operation),
                    "credits-invoice-" + operation);
            paid = provider.payInvoice(invoice.id(), "credits-pay-" + operation);
        } catch (BillingException e) {
            if (e.code() == ErrorCode.PAYMENT_FAILED) {
                tx.run(() -> audit.record(command.actor(), "credits.purchase_failed", customer.id(), Map.of(
                        "product", product.code(), "price", product.price().toString(), "reason", String.valueOf(e.getMessage()))));
            }
            throw e;
        }

        Instant now = clock.instant();
        return tx.inTransaction(() -> {
            CreditLedger ledger = ledgers.load(customer.id());
            if (ledger.grant(grantId).isPresent()) {
                return CreditViews.balance(ledger, now);
            }
            CreditGrant grant = CreditGrant.purchased(grantId, customer.id(), product, now,
                    "pack " + product.code() + " invoice " + paid.id());
            var granted = ledger.grant(grant);
            ledgers.apply(ledger.version(), granted);
            Map<String, String> data = Map.of("grant", grantId.value(), "product", product.code(),
                    "credits", product.credits().toPlainString(), "price", product.price().toString(),
                    "providerInvoice", paid.id());
            OutboxEvents.append(outbox, "credits.purchased", grantId.value(), customer.id(), data, now);
            audit.record(command.actor(), "credits.purchased", customer.id(), data);
            return CreditViews.balance(granted.ledger(), now);
        });
    }
}
