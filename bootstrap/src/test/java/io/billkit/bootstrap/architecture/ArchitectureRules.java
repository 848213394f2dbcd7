package io.billkit.bootstrap.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.lang.ArchRule;

import java.math.BigDecimal;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The rules of CONVENTIONS.md, as ArchUnit rules shared by the real check and the planted-violation test. */
final class ArchitectureRules {

    private ArchitectureRules() {
    }

    static final ArchRule DOMAIN_DEPENDS_ON_JAVA_ONLY = classes()
            .that().resideInAPackage("io.billkit.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.billkit.domain..")
            .because("billing-domain is a pure library that any JVM service can embed");

    static final ArchRule APPLICATION_DEPENDS_ON_DOMAIN_AND_SLF4J_ONLY = classes()
            .that().resideInAPackage("io.billkit.application..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "javax.crypto..", "io.billkit.domain..", "io.billkit.application..", "org.slf4j..")
            .because("the application knows only its ports; adapters plug in from outside");

    static final ArchRule ADAPTERS_DO_NOT_DEPEND_ON_EACH_OTHER = slices()
            .matching("io.billkit.adapter.(*)..")
            .should().notDependOnEachOther()
            .because("only bootstrap knows all adapters");
    // ArchitectureTest asserts every adapter's classes were imported, so this rule cannot pass on nothing

    static final ArchRule NOTHING_BUT_BOOTSTRAP_DEPENDS_ON_BOOTSTRAP = noClasses()
            .that().resideOutsideOfPackage("io.billkit.bootstrap..")
            .should().dependOnClassesThat().resideInAPackage("io.billkit.bootstrap..");

    static final ArchRule USE_CASES_TAKE_ROLE_PORTS_NOT_THE_WHOLE_PROVIDER = noClasses()
            .that().resideInAnyPackage("io.billkit.application..")
            .and().resideOutsideOfPackages("io.billkit.application.assembly..", "io.billkit.application.inmemory..",
                    "io.billkit.application.port.out.provider..")
            .should().dependOnClassesThat().haveFullyQualifiedName("io.billkit.application.port.out.provider.PaymentProvider")
            .because("a use case takes only the provider role it calls (customer accounts, subscriptions, invoices, "
                    + "usage, hosted sessions); the whole provider is for wiring");

    static final ArchRule NO_WALL_CLOCK_IN_DOMAIN_OR_APPLICATION = noClasses()
            .that().resideInAnyPackage("io.billkit.domain..", "io.billkit.application..")
            .should().callMethodWhere(readsTheWallClock())
            .because("services read time only from the injected Clock, so tests can fix it");

    static final ArchRule NO_BIGDECIMAL_EQUALS = noClasses()
            .that().resideInAPackage("io.billkit..")
            .should().callMethod(BigDecimal.class, "equals", Object.class)
            .because("BigDecimal.equals compares scale: 1.0 != 1.00; use compareTo");

    private static DescribedPredicate<JavaCall<?>> readsTheWallClock() {
        return DescribedPredicate.describe("reads the wall clock (now(), currentTimeMillis(), systemUTC(), systemDefaultZone())",
                call -> {
                    String owner = call.getTargetOwner().getName();
                    String name = call.getName();
                    boolean javaTimeNow = owner.startsWith("java.time.") && name.equals("now");
                    boolean systemMillis = owner.equals("java.lang.System")
                            && (name.equals("currentTimeMillis") || name.equals("nanoTime"));
                    boolean systemClock = owner.equals("java.time.Clock")
                            && (name.equals("systemUTC") || name.equals("systemDefaultZone") || name.equals("system"));
                    return javaTimeNow || systemMillis || systemClock;
                });
    }
}
