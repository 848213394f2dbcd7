package io.billkit.adapter.http;

import io.billkit.application.port.in.audit.AuditQuery;
import io.billkit.application.port.in.audit.GetAuditTrailUseCase;
import io.billkit.application.port.in.customer.CustomerOverview;
import io.billkit.application.port.in.customer.CustomerPage;
import io.billkit.application.port.in.customer.ListCustomersQuery;
import io.billkit.application.port.in.customer.ListCustomersUseCase;
import io.billkit.application.port.in.customer.UpsertCustomerCommand;
import io.billkit.application.port.in.customer.UpsertCustomerUseCase;
import io.billkit.application.port.in.invoice.ClosePeriodCommand;
import io.billkit.application.port.in.invoice.ClosePeriodUseCase;
import io.billkit.application.port.in.subscription.SubscribeCommand;
import io.billkit.application.port.in.subscription.SubscribeUseCase;
import io.billkit.application.port.in.Actor;
import io.billkit.application.port.out.ApiKeyStore;
import io.billkit.application.port.out.AuditEntry;
import io.billkit.application.port.out.AuditLog;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.BillingException;
import io.billkit.domain.customer.Customer;
import io.billkit.domain.customer.CustomerId;
import io.billkit.domain.customer.TaxId;
import io.billkit.domain.customer.TaxIdType;
import io.javalin.http.Context;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Operator routes (role {@code admin}; a member gets 403):
 * <ul>
 *   <li>{@code POST /api/v1/admin/periods/close}: closes every ended period now (the scheduler does it too);</li>
 *   <li>{@code GET /api/v1/admin/audit?customerId&limit}: the audit log, all customers unless one is named;</li>
 *   <li>{@code POST /api/v1/admin/customers}: upsert {@code {"id","name","email","timeZone","taxRate",
 *       "paymentTermsDays","address" | "addressLines", "taxId":{"type","value"}}} (time zone default UTC,
 *       tax rate a fraction in [0, 1) default 0, terms 0..365 days default 30; the billing address as one
 *       string with line breaks or as an array of lines; the tax id's type vat, gst, jp_registration or other);</li>
 *   <li>{@code GET /api/v1/admin/customers?page&limit}: customers by id ({@code limit} 1..100, default 50), each
 *       with its live subscription, or else its latest ({@code subscription} absent when it never had one);</li>
 *   <li>{@code POST /api/v1/admin/subscriptions}: {@code {"customerId","plan"}} subscribes a customer (201);</li>
 *   <li>{@code POST /api/v1/admin/api-keys}: {@code {"customerId", "name"?}} creates an API key scoped to the
 *       customer; {@code {"scope":"service", "name"?}} a service-wide key (events of every customer), which must be
 *       asked for by that scope: an empty body or {@code {}} is a 400 (201 on success). The clear key is in this answer only; the store keeps
 *       its SHA-256.</li>
 * </ul>
 */
final class AdminRoutes implements RouteGroup {
    private static final SecureRandom RANDOM = new SecureRandom();

    record CustomerRequest(CustomerId id, String name, String email, String timeZone, BigDecimal taxRate,
                           Integer paymentTermsDays, String address, List<String> addressLines, TaxIdRequest taxId) {
    }

    /** {@code {"type":"vat|gst|jp_registration|other","value":"DE123456789"}}. */
    record TaxIdRequest(String type, String value) {
    }

    record SubscribeRequest(CustomerId customerId, PlanCode plan) {
    }

    /** {@code scope} is {@code "customer"} (the default when {@code customerId} is given) or {@code "service"}. */
    record ApiKeyRequest(CustomerId customerId, String scope, String name) {
    }

    record ApiKeyCreatedBody(String id, Optional<String> customerId, String name, String key, Instant createdAt) {
    }

    record CustomerOverviewBody(String id, String name, String email, String timeZone, BigDecimal taxRate,
                                int paymentTermsDays, Optional<ResponseBodies.SubscriptionBody> subscription) {
        static CustomerOverviewBody of(CustomerOverview o) {
            Customer c = o.customer();
            return new CustomerOverviewBody(c.id().value(), c.name(), c.email(), c.timeZone().getId(), c.taxRate(),
                    c.paymentTermsDays(), o.subscription().map(ResponseBodies.SubscriptionBody::of));
        }
    }

    record CustomerPageBody(List<CustomerOverviewBody> items, int page, int limit, long total) {
        static CustomerPageBody of(CustomerPage p) {
            return new CustomerPageBody(p.items().stream().map(CustomerOverviewBody::of).toList(), p.page(), p.limit(),
                    p.total());
        }
    }

    static final int DEFAULT_CUSTOMER_LIMIT = 50;

    private final Catalog catalog;
    private final ClosePeriodUseCase closePeriod;
    private final ListCustomersUseCase listCustomers;
    private final GetAuditTrailUseCase auditTrail;
    private final UpsertCustomerUseCase upsertCustomer;
    private final SubscribeUseCase subscribe;
    private final ApiKeyStore apiKeys;
    private final AuditLog auditLog;
    private final Clock clock;
    private final JsonBody json;

    AdminRoutes(Catalog catalog, ClosePeriodUseCase closePeriod, GetAuditTrailUseCase auditTrail,
                UpsertCustomerUseCase upsertCustomer, ListCustomersUseCase listCustomers, SubscribeUseCase subscribe,
                ApiKeyStore apiKeys, AuditLog auditLog, Clock clock, JsonBody json) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.closePeriod = Objects.requireNonNull(closePeriod, "closePeriod");
        this.auditTrail = Objects.requireNonNull(auditTrail, "auditTrail");
        this.upsertCustomer = Objects.requireNonNull(upsertCustomer, "upsertCustomer");
        this.listCustomers = Objects.requireNonNull(listCustomers, "listCustomers");
        this.subscribe = Objects.requireNonNull(subscribe, "subscribe");
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public String name() {
        return "admin";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.post("/api/v1/admin/periods/close", Access.ADMIN,
                "Close every billing period that ended (after the grace): invoices are built and finalized",
                ctx -> ctx.json(ResponseBodies.ClosePeriodBody.of(
                        closePeriod.close(new ClosePeriodCommand(Callers.user(ctx))))));
        routes.get("/api/v1/admin/audit", Access.ADMIN, "The audit log, newest first (customerId, limit 1..1000)",
                ctx -> {
                    int limit = QueryParams.integer(ctx, "limit", 100, 1, 1000);
                    ctx.json(ResponseBodies.AuditBody.of(auditTrail.recent(
                            new AuditQuery(Callers.requestedCustomer(ctx), limit))));
                });
        routes.post("/api/v1/admin/customers", Access.ADMIN, "Create or update a customer", this::upsertCustomer);
        routes.get("/api/v1/admin/customers", Access.ADMIN,
                "Customers by id with their live (or latest) subscription's plan and status (page, limit 1..100)",
                ctx -> {
                    int limit = QueryParams.integer(ctx, "limit", DEFAULT_CUSTOMER_LIMIT, 1, ListCustomersQuery.MAX_LIMIT);
                    int page = QueryParams.integer(ctx, "page", 1, 1, Integer.MAX_VALUE / limit + 1);
                    ctx.json(CustomerPageBody.of(listCustomers.list(new ListCustomersQuery(page, limit))));
                });
        routes.post("/api/v1/admin/subscriptions", Access.ADMIN, "Subscribe a customer to a plan of the catalog",
                ctx -> {
                    SubscribeRequest body = json.read(ctx, SubscribeRequest.class);
                    CustomerId customer = JsonBody.required(body.customerId(), "customerId");
                    PlanCode plan = SubscriptionRoutes.knownPlan(catalog, body.plan(), "plan");
                    ctx.status(201).json(ResponseBodies.SubscriptionBody.of(
                            subscribe.subscribe(new SubscribeCommand(customer, plan, Callers.user(ctx)))));
                });
        routes.post("/api/v1/admin/api-keys", Access.ADMIN,
                "Create an API key for a customer or service-wide; the clear key is returned once", this::createApiKey);
    }

    private void upsertCustomer(Context ctx) {
        CustomerRequest body = json.read(ctx, CustomerRequest.class);
        CustomerId id = JsonBody.required(body.id(), "id");
        String name = TextBounds.check(JsonBody.requiredText(body.name(), "name"), "name", TextBounds.NAME);
        String email = TextBounds.check(body.email() == null ? "" : body.email().trim(), "email", TextBounds.EMAIL);
        TextBounds.check(body.timeZone(), "timeZone", TextBounds.TIME_ZONE);
        TextBounds.check(body.address(), "address", TextBounds.ADDRESS);
        TextBounds.checkCount(body.addressLines(), "addressLines", TextBounds.ADDRESS_LINES);
        if (body.addressLines() != null) {
            for (int i = 0; i < body.addressLines().size(); i++) {
                TextBounds.check(body.addressLines().get(i), "addressLines[" + i + "]", TextBounds.ADDRESS_LINE);
            }
        }
        if (body.taxId() != null) {
            TextBounds.check(body.taxId().type(), "taxId.type", TextBounds.TAX_ID_TYPE);
            TextBounds.check(body.taxId().value(), "taxId.value", TextBounds.TAX_ID_VALUE);
        }
        if (!email.isEmpty() && !email.matches("[^@\\s]+@[^@\\s]+")) {
            throw ApiProblem.invalidField("email", "email must look like name@example.com but was '"
                    + LogText.preview(email) + "'");
        }
        ZoneId zone = ZoneOffset.UTC;
        if (body.timeZone() != null && !body.timeZone().isBlank()) {
            try {
                zone = ZoneId.of(body.timeZone().trim());
            } catch (DateTimeException e) {
                throw ApiProblem.invalidField("timeZone", "timeZone must be an IANA zone such as Europe/Berlin but was '"
                        + LogText.preview(body.timeZone()) + "'");
            }
        }
        BigDecimal taxRate = body.taxRate() == null ? BigDecimal.ZERO : body.taxRate();
        if (taxRate.signum() < 0 || taxRate.compareTo(BigDecimal.ONE) >= 0) {
            throw ApiProblem.invalidField("taxRate", "taxRate must be a fraction in [0, 1) (0.2 = 20 %) but was "
                    + taxRate.toPlainString());
        }
        int terms = body.paymentTermsDays() == null ? Customer.DEFAULT_PAYMENT_TERMS_DAYS : body.paymentTermsDays();
        if (terms < 0 || terms > 365) {
            throw ApiProblem.invalidField("paymentTermsDays", "paymentTermsDays must be in 0..365 but was " + terms);
        }
        if (body.address() != null && body.addressLines() != null) {
            throw ApiProblem.invalidField("addressLines", "give address or addressLines, not both");
        }
        String address = body.address() == null ? "" : body.address();
        if (body.addressLines() != null) {
            if (body.addressLines().stream().anyMatch(l -> l == null || l.contains("\n"))) {
                throw ApiProblem.invalidField("addressLines", "addressLines must be at most " + TextBounds.ADDRESS_LINES
                        + " lines of at most " + TextBounds.ADDRESS_LINE + " characters, without line breaks");
            }
            address = String.join("\n", body.addressLines());
        }
        TextBounds.check(address, "address", TextBounds.ADDRESS);
        Optional<TaxId> taxId = Optional.empty();
        if (body.taxId() != null) {
            if (body.taxId().type() == null || body.taxId().value() == null) {
                throw ApiProblem.invalidField("taxId", "taxId needs a type (vat, gst, jp_registration, other) and a value");
            }
            try {
                taxId = Optional.of(TaxId.of(TaxIdType.parse(body.taxId().type()), body.taxId().value()));
            } catch (BillingException e) {
                throw ApiProblem.invalidField("taxId", e.getMessage());
            }
        }
        Customer customer = new Customer(id, name.trim(), email, zone, taxRate, terms, address, taxId);
        ctx.json(ResponseBodies.CustomerBody.of(upsertCustomer.upsert(new UpsertCustomerCommand(customer,
                Callers.user(ctx)))));
    }

    /**
     * The key's customer, empty for a service-wide key. A service-wide key accepts events of every customer, so it
     * is made only when asked for by name ({@code "scope":"service"}); a body without a customer and without that
     * scope (an empty body, {@code {}}) is a 400 and creates nothing.
     */
    static Optional<CustomerId> apiKeyScope(ApiKeyRequest body) {
        String scope = body.scope() == null ? null : body.scope().trim();
        if (scope == null || scope.isEmpty() || scope.equals("customer")) {
            if (body.customerId() == null) {
                throw ApiProblem.invalidField("customerId", "customerId is required for a customer's API key; "
                        + "a service-wide key (events of every customer) must be asked for with \"scope\":\"service\"");
            }
            return Optional.of(body.customerId());
        }
        if (scope.equals("service")) {
            if (body.customerId() != null) {
                throw ApiProblem.invalidField("customerId", "a service-wide key (\"scope\":\"service\") has no customerId");
            }
            return Optional.empty();
        }
        throw ApiProblem.invalidField("scope", "scope must be 'customer' or 'service' but was '"
                + LogText.preview(scope) + "'");
    }

    private void createApiKey(Context ctx) {
        ApiKeyRequest body = json.read(ctx, ApiKeyRequest.class);
        TextBounds.check(body.scope(), "scope", TextBounds.SCOPE);
        TextBounds.check(body.name(), "name", TextBounds.NAME);
        Optional<CustomerId> customer = apiKeyScope(body);
        String name = body.name() == null || body.name().isBlank()
                ? customer.map(c -> "API key of " + c).orElse("service API key") : body.name().trim();
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        String id = "key_" + HexFormat.of().formatHex(random);
        String clear = ApiKeys.newClearKey();
        Instant now = clock.instant();
        apiKeys.save(new ApiKeyStore.ApiKey(id, customer, name, ApiKeys.sha256Hex(clear), now, false));
        Actor actor = Callers.user(ctx);
        Map<String, String> data = new LinkedHashMap<>();
        data.put("keyId", id);
        data.put("name", name);
        data.put("scope", customer.map(CustomerId::value).orElse("service"));
        auditLog.append(new AuditEntry(now, actor.subject(), "api_key.created", customer, data, actor.ip(),
                actor.userAgent()));
        ctx.status(201).json(new ApiKeyCreatedBody(id, customer.map(CustomerId::value), name, clear, now));
    }
}
