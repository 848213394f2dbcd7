package io.billkit.adapter.http;

import io.billkit.application.port.in.credit.CreditBalanceView;
import io.billkit.application.port.in.credit.CreditConsumptionView;
import io.billkit.application.port.in.invoice.ClosePeriodResult;
import io.billkit.application.port.in.invoice.InvoiceLineView;
import io.billkit.application.port.in.invoice.InvoicePage;
import io.billkit.application.port.in.invoice.InvoiceView;
import io.billkit.application.port.in.quota.QuotaView;
import io.billkit.application.port.in.reconciliation.ReconciliationFindingView;
import io.billkit.application.port.in.reconciliation.ReconciliationRunView;
import io.billkit.application.port.in.subscription.CheckoutView;
import io.billkit.application.port.in.subscription.PlanChangeView;
import io.billkit.application.port.in.subscription.PortalView;
import io.billkit.application.port.in.subscription.SubscriptionView;
import io.billkit.application.port.in.summary.BillingSummaryView;
import io.billkit.application.port.in.summary.InvoicePreview;
import io.billkit.application.port.in.usage.CurrentUsageView;
import io.billkit.application.port.in.usage.MeterUsageView;
import io.billkit.application.port.in.usage.UsageEventOutcome;
import io.billkit.application.port.in.usage.UsageHistoryView;
import io.billkit.application.port.out.AuditEntry;
import io.billkit.domain.catalog.CreditEvent;
import io.billkit.domain.catalog.CreditProduct;
import io.billkit.domain.catalog.Meter;
import io.billkit.domain.catalog.MeterKey;
import io.billkit.domain.catalog.MeterTerms;
import io.billkit.domain.catalog.Plan;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.catalog.Price;
import io.billkit.domain.catalog.Tier;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.invoice.InvoiceId;
import io.billkit.domain.money.Money;
import io.billkit.domain.money.UnitPrice;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON response bodies of the billing API and the explicit mapping from the use cases' views to them.
 * The views never go onto the wire themselves, so a change in billing-application cannot silently change
 * the API. Conventions (see {@link Json}): money is {@code {"amount":"1250.00","currency":"USD"}}, quantities
 * are decimal strings, ids are strings, instants ISO-8601 UTC, dates {@code yyyy-MM-dd}, enums their
 * upper-case names; absent optionals are left out. A limit is {@code "unlimited": true} or a decimal
 * {@code "included"} quantity with {@code "unlimited": false} (never -1).
 */
final class ResponseBodies {
    static final String API = "/api/v1";

    private ResponseBodies() {
    }

    // ---- shared pieces

    /**
     * A unit price with up to 12 decimals, same shape as money, never with fewer decimals than the currency's
     * minor unit ({@code "0.10"}, {@code "0.00003"}).
     */
    record UnitPriceBody(String amount, String currency) {
        static UnitPriceBody of(UnitPrice price) {
            int scale = Math.max(price.amount().scale(), Money.minorDigits(price.currency()));
            return new UnitPriceBody(price.amount().setScale(scale).toPlainString(), price.currency().getCurrencyCode());
        }
    }

    static Optional<BigDecimal> finite(io.billkit.domain.catalog.Limit limit) {
        return limit instanceof io.billkit.domain.catalog.Limit.Finite finite ? Optional.of(finite.quantity())
                : Optional.empty();
    }

    // ---- usage

    record MeterUsageBody(String meter, String name, String unit, String window, String mode, BigDecimal used,
                          Optional<BigDecimal> included, boolean unlimited, Optional<BigDecimal> remaining,
                          Optional<BigDecimal> percentUsed, BigDecimal overageUnits, Money overageCost,
                          BigDecimal projectedUsage, Money projectedCost) {
        static MeterUsageBody of(MeterUsageView v) {
            return new MeterUsageBody(v.meter().value(), v.name(), v.unit(), v.window().name(), v.mode().name(),
                    v.used(), finite(v.included()), v.included().isUnlimited(), v.remaining(), v.percentUsed(),
                    v.overageUnits(), v.overageCost(), v.projectedUsage(), v.projectedCost());
        }
    }

    record CurrentUsageBody(String customerId, String plan, LocalDate periodStart, LocalDate periodEnd, Instant asOf,
                            List<MeterUsageBody> meters) {
        static CurrentUsageBody of(CurrentUsageView v) {
            return new CurrentUsageBody(v.customer().value(), v.plan().value(), v.periodStart(), v.periodEnd(),
                    v.asOf(), v.meters().stream().map(MeterUsageBody::of).toList());
        }
    }

    record DailyUsageBody(LocalDate day, String meter, BigDecimal value) {
    }

    record UsageHistoryBody(String customerId, LocalDate from, LocalDate to, List<DailyUsageBody> days) {
        static UsageHistoryBody of(UsageHistoryView v) {
            return new UsageHistoryBody(v.customer().value(), v.from(), v.to(), v.days().stream()
                    .map(d -> new DailyUsageBody(d.day(), d.meter().value(), d.value())).toList());
        }
    }

    /** One event's outcome: {@code code} and {@code reason} only when rejected. */
    record EventResultBody(int index, String eventId, String status, Optional<String> code, Optional<String> reason) {
        static EventResultBody of(int index, UsageEventOutcome o) {
            return new EventResultBody(index, o.eventId(), o.status().name(), o.errorCode().map(Enum::name),
                    o.reason().isEmpty() ? Optional.empty() : Optional.of(o.reason()));
        }
    }

    record IngestionBody(long accepted, long duplicates, long rejected, List<EventResultBody> results) {
    }

    record QuotaBody(String meter, String admission, String mode, BigDecimal requested, BigDecimal used,
                     Optional<BigDecimal> limit, boolean unlimited, Optional<BigDecimal> remaining, BigDecimal overBy,
                     String window, Instant windowStart, Instant windowEnd) {
        static QuotaBody of(QuotaView v) {
            return new QuotaBody(v.meter().value(), v.admission().name(), v.mode().name(), v.requested(), v.used(),
                    finite(v.limit()), v.limit().isUnlimited(), v.remaining(), v.overBy(), v.window().name(),
                    v.windowStart(), v.windowEnd());
        }
    }

    // ---- invoices

    /** One line; {@code coupon} and {@code appliesTo} only on a {@code discount} line. */
    record InvoiceLineBody(String kind, String description, Optional<String> meter, Optional<BigDecimal> quantity,
                           Optional<String> unitPrice, Money amount, Optional<String> coupon,
                           Optional<String> appliesTo) {
        static InvoiceLineBody of(InvoiceLineView v) {
            return new InvoiceLineBody(v.kind(), v.description(), v.meter().map(MeterKey::value), v.quantity(),
                    v.unitPrice(), v.amount(), v.coupon(), v.appliesTo());
        }
    }

    record InvoiceBody(String id, String customerId, String subscriptionId, Optional<String> number, String status,
                       LocalDate periodStart, LocalDate periodEnd, String currency, List<InvoiceLineBody> lines,
                       Money subtotal, Money credits, Money tax, Money total, Money amountPaid, Money amountDue,
                       Optional<Instant> finalizedAt, Optional<LocalDate> dueDate, Optional<String> providerInvoiceId,
                       String pdf) {
        static InvoiceBody of(InvoiceView v) {
            return new InvoiceBody(v.id().value(), v.customer().value(), v.subscription().value(), v.number(),
                    v.status().name(), v.periodStart(), v.periodEnd(), v.currency().getCurrencyCode(),
                    v.lines().stream().map(InvoiceLineBody::of).toList(), v.subtotal(), v.credits(), v.tax(),
                    v.total(), v.amountPaid(), v.amountDue(), v.finalizedAt(), v.dueDate(), v.providerInvoiceId(),
                    API + "/billing/invoices/" + v.id().value() + "/pdf");
        }
    }

    record InvoicePageBody(List<InvoiceBody> items, int page, int limit, long total) {
        static InvoicePageBody of(InvoicePage p) {
            return new InvoicePageBody(p.items().stream().map(InvoiceBody::of).toList(), p.page(), p.limit(),
                    p.total());
        }
    }

    record ClosePeriodBody(List<String> created, int alreadyInvoiced, List<String> failures) {
        static ClosePeriodBody of(ClosePeriodResult r) {
            return new ClosePeriodBody(r.created().stream().map(InvoiceId::value).toList(), r.alreadyInvoiced(),
                    r.failures());
        }
    }

    // ---- subscriptions

    record SubscriptionBody(String id, String customerId, String plan, String planName, String status,
                            LocalDate currentPeriodStart, LocalDate currentPeriodEnd, Optional<Instant> trialEnd,
                            boolean cancelAtPeriodEnd, Optional<String> pendingPlan, Optional<Instant> cancelledAt) {
        static SubscriptionBody of(SubscriptionView v) {
            return new SubscriptionBody(v.id().value(), v.customer().value(), v.plan().value(), v.planName(),
                    v.status().name(), v.currentPeriodStart(), v.currentPeriodEnd(), v.trialEnd(),
                    v.cancelAtPeriodEnd(), v.pendingPlan().map(PlanCode::value), v.cancelledAt());
        }
    }

    record PlanChangeBody(SubscriptionBody subscription, String from, String to, String timing,
                          LocalDate effectiveOn, Optional<Money> prorationCharge) {
        static PlanChangeBody of(PlanChangeView v) {
            return new PlanChangeBody(SubscriptionBody.of(v.subscription()), v.from().value(), v.to().value(),
                    v.timing().name(), v.effectiveOn(), v.prorationCharge());
        }
    }

    record CheckoutBody(String sessionId, String url) {
        static CheckoutBody of(CheckoutView v) {
            return new CheckoutBody(v.sessionId(), v.url());
        }
    }

    record PortalBody(String url) {
        static PortalBody of(PortalView v) {
            return new PortalBody(v.url());
        }
    }

    // ---- credits

    record CreditBalanceBody(String customerId, BigDecimal total, BigDecimal purchased, BigDecimal subscription,
                             BigDecimal promotional, Optional<Instant> nextExpiry, BigDecimal expiringNext,
                             Instant asOf) {
        static CreditBalanceBody of(CreditBalanceView v) {
            return new CreditBalanceBody(v.customer().value(), v.total(), v.purchased(), v.subscription(),
                    v.promotional(), v.nextExpiry(), v.expiringNext(), v.asOf());
        }
    }

    record CreditConsumptionBody(String requestId, String creditEvent, BigDecimal quantity, BigDecimal creditsDebited,
                                 boolean replayed, CreditBalanceBody balance) {
        static CreditConsumptionBody of(CreditConsumptionView v) {
            return new CreditConsumptionBody(v.requestId(), v.creditEvent(), v.quantity(), v.creditsDebited(),
                    v.replayed(), CreditBalanceBody.of(v.balance()));
        }
    }

    // ---- summary and audit

    record InvoicePreviewBody(LocalDate periodStart, LocalDate periodEnd, List<InvoiceLineBody> lines, Money subtotal,
                              Money tax, Money total) {
        static InvoicePreviewBody of(InvoicePreview v) {
            return new InvoicePreviewBody(v.periodStart(), v.periodEnd(),
                    v.lines().stream().map(InvoiceLineBody::of).toList(), v.subtotal(), v.tax(), v.total());
        }
    }

    record SummaryBody(String customerId, Optional<SubscriptionBody> subscription, Money monthToDateSpend,
                       List<MeterUsageBody> usage, Optional<InvoicePreviewBody> upcomingInvoice,
                       CreditBalanceBody credits) {
        static SummaryBody of(BillingSummaryView v) {
            return new SummaryBody(v.customer().value(), v.subscription().map(SubscriptionBody::of),
                    v.monthToDateSpend(), v.usage().stream().map(MeterUsageBody::of).toList(),
                    v.upcomingInvoice().map(InvoicePreviewBody::of), CreditBalanceBody.of(v.credits()));
        }
    }

    record AuditEntryBody(Instant at, String actor, String action, Optional<String> customerId,
                          Map<String, String> data, String ip, String userAgent) {
        static AuditEntryBody of(AuditEntry e) {
            return new AuditEntryBody(e.at(), e.actor(), e.action(), e.customer().map(CustomerId::value), e.data(),
                    e.ip(), e.userAgent());
        }
    }

    record AuditBody(List<AuditEntryBody> entries) {
        static AuditBody of(List<AuditEntry> entries) {
            return new AuditBody(entries.stream().map(AuditEntryBody::of).toList());
        }
    }

    // ---- reconciliation

    record FindingBody(String subscriptionId, String customerId, String meter, BigDecimal internalQuantity,
                       BigDecimal providerQuantity, BigDecimal unitDiscrepancy, BigDecimal relativeDiscrepancy,
                       Money moneyDiscrepancy, String outcome) {
        static FindingBody of(ReconciliationFindingView v) {
            return new FindingBody(v.subscription().value(), v.customer().value(), v.meter().value(),
                    v.internalQuantity(), v.providerQuantity(), v.unitDiscrepancy(), v.relativeDiscrepancy(),
                    v.moneyDiscrepancy(), v.outcome().name());
        }
    }

    record ReconciliationRunBody(String runId, String idempotencyKey, Instant ranAt, List<FindingBody> findings,
                                 Money totalDiscrepancy, boolean alertRaised, boolean replayed) {
        static ReconciliationRunBody of(ReconciliationRunView v) {
            return new ReconciliationRunBody(v.runId(), v.idempotencyKey(), v.ranAt(),
                    v.findings().stream().map(FindingBody::of).toList(), v.totalDiscrepancy(), v.alertRaised(),
                    v.replayed());
        }
    }

    // ---- customers

    record CustomerBody(String id, String name, String email, String timeZone, BigDecimal taxRate,
                        int paymentTermsDays, String address, List<String> addressLines, Optional<TaxIdBody> taxId) {
        static CustomerBody of(Customer c) {
            return new CustomerBody(c.id().value(), c.name(), c.email(), c.timeZone().getId(), c.taxRate(),
                    c.paymentTermsDays(), c.address(), c.addressLines(), c.taxId().map(TaxIdBody::of));
        }
    }

    /** {@code {"type":"vat","value":"DE123456789","printed":"VAT ID: DE123456789"}}. */
    record TaxIdBody(String type, String value, String printed) {
        static TaxIdBody of(io.billkit.domain.customer.TaxId t) {
            return new TaxIdBody(t.type().name().toLowerCase(java.util.Locale.ROOT), t.value(), t.printed());
        }
    }

    // ---- catalog

    record TierBody(Optional<BigDecimal> upTo, UnitPriceBody unitPrice, Money flatFee, Optional<BigDecimal> packageSize) {
        static TierBody of(Tier t) {
            return new TierBody(t.upTo(), UnitPriceBody.of(t.unitPrice()), t.flatFee(), t.packageSize());
        }
    }

    /** {@code type}: PER_UNIT, PACKAGE, GRADUATED or VOLUME; the fields of that type; a readable description. */
    record PriceBody(String type, String description, Optional<UnitPriceBody> unitPrice,
                     Optional<BigDecimal> packageSize, List<TierBody> tiers) {
        static PriceBody of(Price price) {
            if (price instanceof Price.PerUnit p) {
                return new PriceBody("PER_UNIT", p.describe(), Optional.of(UnitPriceBody.of(p.unitPrice())),
                        Optional.empty(), List.of());
            }
            if (price instanceof Price.Package p) {
                return new PriceBody("PACKAGE", p.describe(), Optional.of(UnitPriceBody.of(p.pricePerPackage())),
                        Optional.of(p.size()), List.of());
            }
            if (price instanceof Price.Graduated g) {
                return new PriceBody("GRADUATED", g.describe(), Optional.empty(), Optional.empty(),
                        g.tiers().stream().map(TierBody::of).toList());
            }
            Price.Volume v = (Price.Volume) price;
            return new PriceBody("VOLUME", v.describe(), Optional.empty(), Optional.empty(),
                    v.tiers().stream().map(TierBody::of).toList());
        }
    }

    record AllowanceBody(Optional<BigDecimal> included, boolean unlimited, String window, String mode) {
    }

    record PlanMeterBody(String meter, String name, String unit, String aggregation, AllowanceBody allowance,
                         PriceBody overagePrice) {
        static PlanMeterBody of(MeterTerms terms, Optional<Meter> meter) {
            var allowance = terms.allowance();
            return new PlanMeterBody(terms.meter().value(), meter.map(Meter::name).orElse(terms.meter().value()),
                    meter.map(Meter::unit).orElse(""), meter.map(m -> m.aggregation().name()).orElse(""),
                    new AllowanceBody(finite(allowance.included()), allowance.isUnlimited(), allowance.window().name(),
                            allowance.mode().name()),
                    PriceBody.of(terms.overagePrice()));
        }
    }

    record EntitlementsBody(Optional<BigDecimal> seats, boolean unlimitedSeats, String supportTier, Set<String> flags) {
    }

    record PlanBody(String code, String name, String currency, String interval, Money basePrice, int trialDays,
                    BigDecimal includedCredits, EntitlementsBody entitlements, List<PlanMeterBody> meters) {
        static PlanBody of(Plan plan, io.billkit.domain.catalog.Catalog catalog) {
            var e = plan.entitlements();
            return new PlanBody(plan.code().value(), plan.name(), plan.currency().getCurrencyCode(),
                    plan.interval().name(), plan.basePrice(), plan.trialDays(), plan.includedCredits(),
                    new EntitlementsBody(finite(e.seats()), e.seats().isUnlimited(), e.supportTier(),
                            new TreeSet<>(e.flags())),
                    plan.meters().stream().map(t -> PlanMeterBody.of(t, catalog.meter(t.meter()))).toList());
        }
    }

    record PlansBody(String catalog, List<PlanBody> plans) {
    }

    record CreditProductBody(String code, String name, BigDecimal credits, Money price) {
        static CreditProductBody of(CreditProduct p) {
            return new CreditProductBody(p.code(), p.name(), p.credits(), p.price());
        }
    }

    record CreditEventBody(String name, BigDecimal credits) {
        static CreditEventBody of(CreditEvent e) {
            return new CreditEventBody(e.name(), e.credits());
        }
    }

    record CreditProductsBody(String catalog, List<CreditProductBody> products, List<CreditEventBody> creditEvents) {
    }
}
