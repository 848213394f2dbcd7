package io.billkit.adapter.http;

import io.billkit.application.port.in.subscription.CancelSubscriptionCommand;
import io.billkit.application.port.in.subscription.CancelSubscriptionUseCase;
import io.billkit.application.port.in.subscription.ChangePlanCommand;
import io.billkit.application.port.in.subscription.ChangePlanUseCase;
import io.billkit.application.port.in.subscription.CheckoutKind;
import io.billkit.application.port.in.subscription.GetSubscriptionUseCase;
import io.billkit.application.port.in.subscription.OpenCustomerPortalCommand;
import io.billkit.application.port.in.subscription.OpenCustomerPortalUseCase;
import io.billkit.application.port.in.subscription.ResumeSubscriptionCommand;
import io.billkit.application.port.in.subscription.ResumeSubscriptionUseCase;
import io.billkit.application.port.in.subscription.StartCheckoutCommand;
import io.billkit.application.port.in.subscription.StartCheckoutUseCase;
import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Catalog;
import io.billkit.domain.catalog.PlanCode;
import io.billkit.domain.customer.CustomerId;
import io.javalin.http.Context;

import java.util.Objects;

/**
 * The customer's subscription: {@code GET /api/v1/billing/subscription} (404 when there is none) and
 * {@code POST /api/v1/billing/subscription/checkout|portal|change|cancel|resume}. Bodies:
 * checkout {@code {"plan","successUrl","cancelUrl"}}, portal {@code {"returnUrl"}}, change {@code {"plan"}},
 * cancel {@code {"atPeriodEnd":true}} (optional; default true), resume none.
 */
final class SubscriptionRoutes implements RouteGroup {
    record CheckoutRequest(PlanCode plan, String successUrl, String cancelUrl) {
    }

    record PortalRequest(String returnUrl) {
    }

    record ChangeRequest(PlanCode plan) {
    }

    record CancelRequest(Boolean atPeriodEnd) {
    }

    private final Catalog catalog;
    private final GetSubscriptionUseCase subscription;
    private final StartCheckoutUseCase checkout;
    private final OpenCustomerPortalUseCase portal;
    private final ChangePlanUseCase changePlan;
    private final CancelSubscriptionUseCase cancel;
    private final ResumeSubscriptionUseCase resume;
    private final JsonBody json;

    SubscriptionRoutes(Catalog catalog, GetSubscriptionUseCase subscription, StartCheckoutUseCase checkout,
                       OpenCustomerPortalUseCase portal, ChangePlanUseCase changePlan, CancelSubscriptionUseCase cancel,
                       ResumeSubscriptionUseCase resume, JsonBody json) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.subscription = Objects.requireNonNull(subscription, "subscription");
        this.checkout = Objects.requireNonNull(checkout, "checkout");
        this.portal = Objects.requireNonNull(portal, "portal");
        this.changePlan = Objects.requireNonNull(changePlan, "changePlan");
        this.cancel = Objects.requireNonNull(cancel, "cancel");
        this.resume = Objects.requireNonNull(resume, "resume");
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public String name() {
        return "subscription";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.get("/api/v1/billing/subscription", Access.MEMBER,
                "The customer's live (or latest) subscription; 404 when it has none", ctx -> {
                    CustomerId customer = Callers.customer(ctx);
                    ctx.json(ResponseBodies.SubscriptionBody.of(subscription.current(customer).orElseThrow(() ->
                            new BillingException(ErrorCode.NOT_FOUND, "customer '" + customer + "' has no subscription"))));
                });
        routes.answers(200, "The subscription", ResponseBodies.SubscriptionBody.class)
                .problem(404, "The customer has no subscription");
        routes.post("/api/v1/billing/subscription/checkout", Access.MEMBER,
                "Start a hosted checkout for a plan; answers the session URL to redirect to", this::checkout);
        routes.body(CheckoutRequest.class)
                .answers(200, "The checkout session", ResponseBodies.CheckoutBody.class);
        routes.post("/api/v1/billing/subscription/portal", Access.MEMBER,
                "Open the payment provider's customer portal; answers its URL", ctx -> {
                    PortalRequest body = json.read(ctx, PortalRequest.class);
                    String returnUrl = Urls.absoluteHttp(body.returnUrl(), "returnUrl");
                    ctx.json(ResponseBodies.PortalBody.of(portal.open(
                            new OpenCustomerPortalCommand(Callers.customer(ctx), returnUrl, Callers.user(ctx)))));
                });
        routes.body(PortalRequest.class)
                .answers(200, "The portal session", ResponseBodies.PortalBody.class);
        routes.post("/api/v1/billing/subscription/change", Access.MEMBER,
                "Change plan: upgrades now with proration, downgrades at the period end", ctx -> {
                    ChangeRequest body = json.read(ctx, ChangeRequest.class);
                    PlanCode plan = knownPlan(catalog, body.plan(), "plan");
                    ctx.json(ResponseBodies.PlanChangeBody.of(changePlan.change(
                            new ChangePlanCommand(Callers.customer(ctx), plan, Callers.user(ctx)))));
                });
        routes.body(ChangeRequest.class)
                .answers(200, "The change and the subscription after it", ResponseBodies.PlanChangeBody.class)
                .problem(404, "The customer has no subscription")
                .problem(409, "Not possible in the subscription's state");
        routes.post("/api/v1/billing/subscription/cancel", Access.MEMBER,
                "Cancel at the period end (default) or now ({\"atPeriodEnd\":false})", ctx -> {
                    CancelRequest body = json.readOr(ctx, CancelRequest.class, () -> new CancelRequest(null));
                    boolean atPeriodEnd = body.atPeriodEnd() == null || body.atPeriodEnd();
                    ctx.json(ResponseBodies.SubscriptionBody.of(cancel.cancel(
                            new CancelSubscriptionCommand(Callers.customer(ctx), atPeriodEnd, Callers.user(ctx)))));
                });
        routes.optionalBody(CancelRequest.class)
                .answers(200, "The subscription after the cancellation", ResponseBodies.SubscriptionBody.class)
                .problem(404, "The customer has no subscription")
                .problem(409, "Not possible in the subscription's state");
        routes.post("/api/v1/billing/subscription/resume", Access.MEMBER,
                "Undo a cancellation scheduled for the period end",
                ctx -> ctx.json(ResponseBodies.SubscriptionBody.of(resume.resume(
                        new ResumeSubscriptionCommand(Callers.customer(ctx), Callers.user(ctx))))));
        routes.answers(200, "The subscription, no longer cancelling", ResponseBodies.SubscriptionBody.class)
                .problem(404, "The customer has no subscription")
                .problem(409, "Nothing to resume");
    }

    private void checkout(Context ctx) {
        CheckoutRequest body = json.read(ctx, CheckoutRequest.class);
        PlanCode plan = knownPlan(catalog, body.plan(), "plan");
        String success = Urls.absoluteHttp(body.successUrl(), "successUrl");
        String cancelUrl = Urls.absoluteHttp(body.cancelUrl(), "cancelUrl");
        ctx.json(ResponseBodies.CheckoutBody.of(checkout.start(new StartCheckoutCommand(Callers.customer(ctx),
                CheckoutKind.SUBSCRIPTION, plan.value(), success, cancelUrl, Callers.user(ctx)))));
    }

    /** {@code plan} when the catalog has it, else a 400 {@code unknown-plan} naming {@code field}. */
    static PlanCode knownPlan(Catalog catalog, PlanCode plan, String field) {
        JsonBody.required(plan, field);
        if (catalog.plan(plan).isEmpty()) {
            throw ApiProblem.invalidField(field, ErrorCode.UNKNOWN_PLAN, "catalog '" + catalog.name()
                    + "' has no plan '" + plan + "'");
        }
        return plan;
    }
}
