/**
 * BillKit's JSON HTTP API on Javalin 7.
 *
 * <p>Public entry points: {@link io.billkit.adapter.http.BillKitHttpServer} (start/stop), its
 * {@link io.billkit.adapter.http.HttpConfig} and {@link io.billkit.adapter.http.HttpDependencies} (with the
 * use cases in {@link io.billkit.adapter.http.HttpUseCases}: the adapter depends on the use-case interfaces of
 * billing-application, never on its assembly or services),
 * {@link io.billkit.adapter.http.HttpMetrics}, {@link io.billkit.adapter.http.ReadinessCheck}, and the small
 * helpers bootstrap needs to hand out credentials ({@link io.billkit.adapter.http.SessionTokens},
 * {@link io.billkit.adapter.http.ApiKeys}), and {@link io.billkit.adapter.http.HttpWebhookSender} (outbound webhooks
 * on {@code java.net.http}). Everything else is package-private.
 *
 * <p>Routes come in groups: one package-private {@code XxxRoutes implements RouteGroup} class per group,
 * each declaring its routes on a {@code RouteRegistry} with an {@code Access} level and a summary. The
 * registry is the only way to add a route, so access control, rate limits and the OpenAPI document
 * ({@code GET /api/v1/openapi.json}) are always derived from the same list.
 *
 * <p>Edges are explicit: request bodies are package-private records of each route group, validated and
 * turned into the use case's command by hand (a 400 names the field, e.g. {@code events[3].quantity});
 * views are mapped to the records of {@code ResponseBodies}, never serialized as they are.
 */
package io.billkit.adapter.http;
