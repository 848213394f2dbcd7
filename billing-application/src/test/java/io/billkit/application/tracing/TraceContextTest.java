package io.billkit.application.tracing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TraceContextTest {
    private static final String VALID = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void a_valid_version_00_header_parses_into_its_three_parts_and_formats_back() {
        TraceContext trace = TraceContext.parse(VALID).orElseThrow();

        assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(trace.spanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(trace.flags()).isEqualTo("01");
        assertThat(trace.traceparent()).isEqualTo(VALID);
    }

    @Test
    void malformed_headers_are_no_context() {
        assertThat(TraceContext.parse(null)).isEmpty();
        assertThat(TraceContext.parse("")).isEmpty();
        assertThat(TraceContext.parse(VALID.toUpperCase())).as("uppercase hex").isEmpty();
        assertThat(TraceContext.parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01")).as("zero trace").isEmpty();
        assertThat(TraceContext.parse("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01")).as("zero span").isEmpty();
        assertThat(TraceContext.parse("ff" + VALID.substring(2))).as("version ff").isEmpty();
        assertThat(TraceContext.parse(VALID + "-extra")).as("version 00 with more").isEmpty();
        assertThat(TraceContext.parse(VALID.substring(0, 54))).as("short").isEmpty();
        assertThat(TraceContext.parse("00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).as("separator").isEmpty();
        assertThat(TraceContext.parse("01" + VALID.substring(2) + "x")).as("later version, no dash after").isEmpty();
    }

    @Test
    void a_later_version_is_read_from_its_first_55_characters() {
        assertThat(TraceContext.parse("01" + VALID.substring(2) + "-what-comes-next")).hasValueSatisfying(
                trace -> assertThat(trace.traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736"));
    }

    @Test
    void a_child_keeps_the_trace_and_flags_with_a_new_span_and_a_new_trace_is_random() {
        TraceContext parent = TraceContext.parse(VALID).orElseThrow();
        TraceContext child = parent.child();

        assertThat(child.traceId()).isEqualTo(parent.traceId());
        assertThat(child.flags()).isEqualTo("01");
        assertThat(child.spanId()).isNotEqualTo(parent.spanId()).matches("[0-9a-f]{16}");
        assertThat(TraceContext.newTrace().traceId()).isNotEqualTo(TraceContext.newTrace().traceId());
        assertThat(TraceContext.parse(TraceContext.newTrace().traceparent())).isPresent();
    }

    @Test
    void open_makes_the_context_current_and_closing_restores_what_was_there() {
        TraceContext outer = TraceContext.newTrace();
        TraceContext inner = TraceContext.parse(VALID).orElseThrow();
        try (TraceContext.Scope a = outer.open()) {
            try (TraceContext.Scope b = inner.open()) {
                assertThat(TraceContext.current()).contains(inner);
            }
            assertThat(TraceContext.current()).contains(outer);
        }
        assertThat(TraceContext.current()).isEmpty();
    }
}
