package io.billkit.domain.forecast;

import io.billkit.domain.BillingException;
import io.billkit.domain.ErrorCode;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelPolicyTest {
    private static final Set<String> MODELS = Set.of("claude-small", "claude-large");

    @Test
    void an_allowed_model_resolves_to_itself() {
        ModelPolicy policy = ModelPolicy.allowing(MODELS, "claude-small");
        assertThat(policy.resolve("claude-large")).isEqualTo("claude-large");
        assertThat(policy.isAllowed("claude-large")).isTrue();
    }

    @Test
    void a_model_not_allowed_resolves_to_the_fallback() {
        ModelPolicy policy = ModelPolicy.allowing(MODELS, "claude-small");
        assertThat(policy.resolve("gpt-huge")).isEqualTo("claude-small");
        assertThat(policy.isAllowed("gpt-huge")).isFalse();
    }

    @Test
    void a_model_not_allowed_without_fallback_is_refused() {
        ModelPolicy policy = ModelPolicy.allowing(MODELS);
        assertThatThrownBy(() -> policy.resolve("gpt-huge"))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_NOT_ALLOWED))
                .hasMessageContaining("gpt-huge");
    }

    @Test
    void names_match_exactly_and_case_sensitively() {
        ModelPolicy policy = ModelPolicy.allowing(MODELS);
        assertThatThrownBy(() -> policy.resolve("Claude-Small")).isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> policy.resolve("claude-small ")).isInstanceOf(BillingException.class);
    }

    @Test
    void an_empty_allowlist_refuses_everything() {
        ModelPolicy policy = ModelPolicy.allowing(Set.of());
        assertThatThrownBy(() -> policy.resolve("claude-small"))
                .isInstanceOfSatisfying(BillingException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MODEL_NOT_ALLOWED));
    }

    @Test
    void the_fallback_must_itself_be_allowed() {
        assertThatThrownBy(() -> ModelPolicy.allowing(MODELS, "gpt-huge"))
                .isInstanceOf(BillingException.class).hasMessageContaining("fallback model 'gpt-huge'");
    }

    @Test
    void blank_or_overlong_names_are_rejected() {
        assertThatThrownBy(() -> ModelPolicy.allowing(Set.of(" "))).isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> ModelPolicy.allowing(Set.of("m".repeat(129)))).isInstanceOf(BillingException.class);
        assertThatThrownBy(() -> new ModelPolicy(MODELS, null)).hasMessage("fallback");
        assertThatThrownBy(() -> ModelPolicy.allowing(MODELS).resolve(null)).hasMessage("requested");
    }

    @Test
    void the_allowlist_is_copied_and_unmodifiable() {
        Set<String> source = new HashSet<>(MODELS);
        ModelPolicy policy = new ModelPolicy(source, Optional.empty());
        source.add("gpt-huge");
        assertThat(policy.isAllowed("gpt-huge")).isFalse();
        assertThatThrownBy(() -> policy.allowed().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }
}
