package io.billkit.adapter.http;

import io.billkit.application.port.in.credit.ConsumeCreditsCommand;
import io.billkit.application.port.in.credit.ConsumeCreditsUseCase;
import io.billkit.application.port.in.credit.GetCreditBalanceUseCase;
import io.billkit.application.port.in.subscription.CheckoutKind;
import io.billkit.application.port.in.subscription.StartCheckoutCommand;
import io.billkit.application.port.in.subscription.StartCheckoutUseCase;
import io.billkit.domain.ErrorCode;
import io.billkit.domain.catalog.Catalog;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Credits: {@code GET /api/v1/billing/credits} (balance by bucket, next expiry),
 * {@code POST /api/v1/billing/credits/consume} ({@code {"creditEvent":"api_call_premium","quantity":"3",
 * "requestId":"req-1"}}; all or nothing, 402 {@code insufficient-credits} when short; the same
 * {@code requestId} debits once) and {@code POST /api/v1/billing/credit-products/checkout}
 * ({@code {"product","successUrl","cancelUrl"}}: a hosted checkout for a credit pack).
 */
final class CreditRoutes implements RouteGroup {
    record ConsumeRequest(String creditEvent, BigDecimal quantity, String requestId) {
    }

    record PackCheckoutRequest(String product, String successUrl, String cancelUrl) {
    }

    private final Catalog catalog;
    private final GetCreditBalanceUseCase balance;
    private final ConsumeCreditsUseCase consume;
    private final StartCheckoutUseCase checkout;
    private final JsonBody json;

    CreditRoutes(Catalog catalog, GetCreditBalanceUseCase balance, ConsumeCreditsUseCase consume,
                 StartCheckoutUseCase checkout, JsonBody json) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.balance = Objects.requireNonNull(balance, "balance");
        this.consume = Objects.requireNonNull(consume, "consume");
        this.checkout = Objects.requireNonNull(checkout, "checkout");
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public String name() {
        return "credits";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.get("/api/v1/billing/credits", Access.MEMBER, "The customer's credit balance by bucket",
                ctx -> ctx.json(ResponseBodies.CreditBalanceBody.of(balance.balance(Callers.customer(ctx)))));
        routes.post("/api/v1/billing/credits/consume", Access.MEMBER,
                "Spend credits for a credit event (all or nothing; idempotent by requestId)", ctx -> {
                    ConsumeRequest body = json.read(ctx, ConsumeRequest.class);
                    String event = TextBounds.check(JsonBody.requiredText(body.creditEvent(), "creditEvent"),
                            "creditEvent", TextBounds.ID);
                    if (catalog.creditEvents().stream().noneMatch(e -> e.name().equals(event))) {
                        throw ApiProblem.invalidField("creditEvent", ErrorCode.UNKNOWN_CREDIT_EVENT,
                                "catalog '" + catalog.name() + "' has no credit event '" + LogText.preview(event) + "'");
                    }
                    BigDecimal quantity = body.quantity() == null ? BigDecimal.ONE : body.quantity();
                    if (quantity.signum() <= 0) {
                        throw ApiProblem.invalidField("quantity", "quantity must be positive but was "
                                + quantity.toPlainString());
                    }
                    String requestId = TextBounds.check(JsonBody.requiredText(body.requestId(), "requestId"),
                            "requestId", TextBounds.REQUEST_ID);
                    ctx.json(ResponseBodies.CreditConsumptionBody.of(consume.consume(new ConsumeCreditsCommand(
                            Callers.customer(ctx), event, quantity, requestId, Callers.user(ctx)))));
                });
        routes.post("/api/v1/billing/credit-products/checkout", Access.MEMBER,
                "Start a hosted checkout for a credit pack; answers the session URL", ctx -> {
                    PackCheckoutRequest body = json.read(ctx, PackCheckoutRequest.class);
                    String product = TextBounds.check(JsonBody.requiredText(body.product(), "product"), "product",
                            TextBounds.ID);
                    if (catalog.creditProducts().stream().noneMatch(p -> p.code().equals(product))) {
                        throw ApiProblem.invalidField("product", ErrorCode.UNKNOWN_CREDIT_PRODUCT,
                                "catalog '" + catalog.name() + "' has no credit product '" + LogText.preview(product) + "'");
                    }
                    String success = Urls.absoluteHttp(body.successUrl(), "successUrl");
                    String cancelUrl = Urls.absoluteHttp(body.cancelUrl(), "cancelUrl");
                    ctx.json(ResponseBodies.CheckoutBody.of(checkout.start(new StartCheckoutCommand(
                            Callers.customer(ctx), CheckoutKind.CREDIT_PACK, product, success, cancelUrl,
                            Callers.user(ctx)))));
                });
    }
}
