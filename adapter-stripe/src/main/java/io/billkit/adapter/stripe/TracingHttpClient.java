package io.billkit.adapter.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.net.HttpURLConnectionClient;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import com.stripe.net.StripeResponseStream;
import io.billkit.application.tracing.TraceContext;

/**
 * stripe-java's own HTTP client with one addition: a call made while the thread runs in a trace
 * ({@link TraceContext#current()}) carries its W3C {@code traceparent} header (stripe-java's
 * {@code RequestOptions} take no custom headers; its {@code StripeRequest.withAdditionalHeader} does). Stripe
 * ignores the header; a proxy or a local fake of the API sees it. Retries and telemetry stay stripe-java's.
 */
final class TracingHttpClient extends HttpURLConnectionClient {

    @Override
    public StripeResponse request(StripeRequest request) throws ApiConnectionException {
        return super.request(traced(request));
    }

    @Override
    public StripeResponseStream requestStream(StripeRequest request) throws ApiConnectionException {
        return super.requestStream(traced(request));
    }

    private static StripeRequest traced(StripeRequest request) {
        if (request.headers().firstValue(TraceContext.HEADER).isPresent()) {
            return request;
        }
        return TraceContext.current().map(trace -> request.withAdditionalHeader(TraceContext.HEADER,
                trace.traceparent())).orElse(request);
    }
}
