package io.billkit.bootstrap.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // billing-application's test-jar (the shared contracts and scenarios) is on this module's test
                // classpath as a jar, which DO_NOT_INCLUDE_TESTS does not recognise
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.billkit");
        // Sanity: the import really found our modules (classes from the reactor's target/classes dirs).
        assertThat(production.containPackage("io.billkit.domain.money")).isTrue();
        assertThat(production.containPackage("io.billkit.application.port.in")).isTrue();
        // every adapter and bootstrap too: otherwise the adapter rule would pass on an empty set
        for (String module : new String[]{"adapter.stripe", "adapter.postgres", "adapter.clickhouse", "adapter.http",
                "adapter.pdf", "bootstrap"}) {
            assertThat(production.stream().filter(c -> c.getPackageName().startsWith("io.billkit." + module)).count())
                    .as("production classes imported from io.billkit." + module).isGreaterThan(3);
        }
    }

    @Test
    void domain_depends_on_java_only() {
        ArchitectureRules.DOMAIN_DEPENDS_ON_JAVA_ONLY.check(production);
    }

    @Test
    void application_depends_on_domain_and_slf4j_only() {
        ArchitectureRules.APPLICATION_DEPENDS_ON_DOMAIN_AND_SLF4J_ONLY.check(production);
    }

    @Test
    void adapters_do_not_depend_on_each_other() {
        ArchitectureRules.ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER.check(production);
    }

    @Test
    void nothing_but_bootstrap_depends_on_bootstrap() {
        ArchitectureRules.NOTHING_BUT_BOOTSTRAP_DEPENDS_ON_BOOTSTRAP.check(production);
    }

    @Test
    void use_cases_take_role_ports_not_the_whole_payment_provider() {
        ArchitectureRules.USE_CASES_TAKE_ROLE_PORTS_NOT_THE_WHOLE_PROVIDER.check(production);
    }

    @Test
    void domain_and_application_never_read_the_wall_clock() {
        ArchitectureRules.NO_WALL_CLOCK_IN_DOMAIN_OR_APPLICATION.check(production);
    }

    @Test
    void no_code_compares_big_decimals_with_equals() {
        ArchitectureRules.NO_BIGDECIMAL_EQUALS.check(production);
    }
}
