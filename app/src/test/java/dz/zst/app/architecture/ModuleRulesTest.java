package dz.zst.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The module rules of ARCHITECTURE.md: dependencies point one way, reads and writes stay apart. */
@AnalyzeClasses(packages = "dz.zst", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleRulesTest {

    @ArchTest
    static final ArchRule domainCoreIsFrameworkFree = noClasses().that().resideInAPackage("dz.zst.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                    "dz.zst.command..", "dz.zst.projection..", "dz.zst.query..", "dz.zst.app..")
            .because("domain-core is the shared vocabulary, free of infrastructure");

    @ArchTest
    static final ArchRule commandSideIgnoresReadSide = noClasses().that().resideInAPackage("dz.zst.command..")
            .should().dependOnClassesThat().resideInAnyPackage("dz.zst.projection..", "dz.zst.query..", "dz.zst.app..")
            .because("the command side asks the read side through query messages only");

    @ArchTest
    static final ArchRule projectionsOnlyFoldEvents = noClasses().that().resideInAPackage("dz.zst.projection..")
            .should().dependOnClassesThat().resideInAnyPackage("dz.zst.command..", "dz.zst.query..", "dz.zst.app..",
                    "org.axonframework.commandhandling.gateway..");

    @ArchTest
    static final ArchRule querySideNeverSendsCommands = noClasses().that().resideInAPackage("dz.zst.query..")
            .should().dependOnClassesThat().resideInAnyPackage("dz.zst.command..", "dz.zst.projection..",
                    "dz.zst.app..", "org.axonframework.commandhandling.gateway..")
            .because("query-side never sends commands");

}
