package io.billkit.bootstrap.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.billkit.domain.planted.PlantedViolation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Proves the rules fire: a class planted in a domain package breaks three of them. */
class PlantedViolationTest {

    private final JavaClasses planted = new ClassFileImporter().importClasses(PlantedViolation.class);

    @Test
    void domain_rule_fires_on_a_domain_class_that_uses_a_framework_type() {
        EvaluationResult result = ArchitectureRules.DOMAIN_DEPENDS_ON_JAVA_ONLY.evaluate(planted);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains("org.assertj"));
    }

    @Test
    void wall_clock_rule_fires_on_instant_now() {
        EvaluationResult result = ArchitectureRules.NO_WALL_CLOCK_IN_DOMAIN_OR_APPLICATION.evaluate(planted);
        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains("Instant.now()"));
    }

    @Test
    void big_decimal_equals_rule_fires() {
        EvaluationResult result = ArchitectureRules.NO_BIGDECIMAL_EQUALS.evaluate(planted);
        assertThat(result.hasViolation()).isTrue();
    }
}
