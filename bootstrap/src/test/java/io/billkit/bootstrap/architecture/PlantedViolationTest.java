package io.billkit.bootstrap.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.billkit.adapter.plantedalpha.AlphaAdapter;
import io.billkit.adapter.plantedbeta.BetaAdapter;
import io.billkit.application.planted.PlantedApplicationViolation;
import io.billkit.domain.planted.PlantedViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Proves every rule fires: classes planted in domain, application and adapter packages break each of them. */
class PlantedViolationTest {

    private final JavaClasses planted = new ClassFileImporter().importClasses(PlantedViolation.class,
            PlantedApplicationViolation.class, AlphaAdapter.class, BetaAdapter.class);

    private EvaluationResult evaluate(ArchRule rule) {
        EvaluationResult result = rule.evaluate(planted);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        return result;
    }

    @Test
    void domain_rule_fires_on_a_domain_class_that_uses_a_framework_type() {
        assertThat(evaluate(ArchitectureRules.DOMAIN_DEPENDS_ON_JAVA_ONLY).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("org.assertj"));
    }

    @Test
    void application_rule_fires_on_an_application_class_that_uses_an_adapter() {
        assertThat(evaluate(ArchitectureRules.APPLICATION_DEPENDS_ON_DOMAIN_AND_SLF4J_ONLY).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("io.billkit.adapter.stripe.StripeConfig"));
    }

    @Test
    void adapter_rule_fires_on_an_adapter_that_uses_another_adapter() {
        assertThat(evaluate(ArchitectureRules.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("plantedalpha") && line.contains("plantedbeta"));
    }

    @Test
    void bootstrap_rule_fires_on_a_class_outside_bootstrap_that_uses_it() {
        assertThat(evaluate(ArchitectureRules.NOTHING_BUT_BOOTSTRAP_DEPENDS_ON_BOOTSTRAP).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("io.billkit.bootstrap.BillKitApplication"));
    }

    @Test
    void role_port_rule_fires_on_an_application_class_that_takes_the_whole_provider() {
        assertThat(evaluate(ArchitectureRules.USE_CASES_TAKE_ROLE_PORTS_NOT_THE_WHOLE_PROVIDER).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("PaymentProvider"));
    }

    @Test
    void wall_clock_rule_fires_on_instant_now() {
        assertThat(evaluate(ArchitectureRules.NO_WALL_CLOCK_IN_DOMAIN_OR_APPLICATION).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("Instant.now()"));
    }

    @Test
    void big_decimal_equals_rule_fires() {
        assertThat(evaluate(ArchitectureRules.NO_BIGDECIMAL_EQUALS).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("BigDecimal.equals"));
    }
}
