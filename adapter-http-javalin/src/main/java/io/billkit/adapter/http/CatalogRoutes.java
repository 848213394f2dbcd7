package io.billkit.adapter.http;

import io.billkit.domain.catalog.Catalog;

import java.util.Objects;

/**
 * What the active catalog sells: {@code GET /api/v1/billing/plans} (plans with base price, trial, included
 * credits, entitlements and per-meter allowance and overage price) and {@code GET /api/v1/billing/credit-products}
 * (credit packs and what each credit event costs). Both are computed once: the catalog does not change while
 * the service runs.
 */
final class CatalogRoutes implements RouteGroup {
    private final ResponseBodies.PlansBody plans;
    private final ResponseBodies.CreditProductsBody creditProducts;

    CatalogRoutes(Catalog catalog) {
        Objects.requireNonNull(catalog, "catalog");
        this.plans = new ResponseBodies.PlansBody(catalog.name(),
                catalog.plans().stream().map(plan -> ResponseBodies.PlanBody.of(plan, catalog)).toList());
        this.creditProducts = new ResponseBodies.CreditProductsBody(catalog.name(),
                catalog.creditProducts().stream().map(ResponseBodies.CreditProductBody::of).toList(),
                catalog.creditEvents().stream().map(ResponseBodies.CreditEventBody::of).toList());
    }

    @Override
    public String name() {
        return "catalog";
    }

    @Override
    public void register(RouteRegistry routes) {
        routes.get("/api/v1/billing/plans", Access.MEMBER,
                "Plans of the catalog with prices, allowances and entitlements", ctx -> ctx.json(plans));
        routes.answers(200, "The plans", ResponseBodies.PlansBody.class);
        routes.get("/api/v1/billing/credit-products", Access.MEMBER,
                "Credit packs for sale and the credit price of each credit event", ctx -> ctx.json(creditProducts));
        routes.answers(200, "Credit packs and credit events", ResponseBodies.CreditProductsBody.class);
    }
}
