package io.logtojee.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.logtojee.auth.session.RevokedSessions;
import io.logtojee.auth.session.SessionDirectory;
import io.logtojee.config.MailSettings;
import io.logtojee.mail.config.MailConfigStore;
import io.logtojee.mail.limit.SendCounterStore;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The structure the code map in the README describes, kept true: the REST layer sees no library
 * types of sign-in or mail, packages form no cycles, only the error edge chooses HTTP statuses, and
 * only the composition root builds the stores that several nodes may share.
 */
class ArchitectureTest {

  private static JavaClasses main;

  @BeforeAll
  static void importMainClasses() {
    main =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.logtojee");
  }

  @Test
  void theRestLayerSeesNoPac4jNimbusOrAliyunTypes() {
    noClasses()
        .that()
        .resideInAPackage("io.logtojee.api..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.pac4j..", "com.nimbusds..", "io.logtojee.mail.aliyun..")
        .check(main);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("io.logtojee.(**)").should().beFreeOfCycles().check(main);
  }

  @Test
  void onlyTheErrorEdgeChoosesHttpStatuses() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.logtojee.api.error")
        .should()
        .callMethod(Response.class, "status", int.class)
        .orShould()
        .callMethod(Response.class, "status", Response.StatusType.class)
        .orShould()
        .callMethod(HttpServletResponse.class, "setStatus", int.class)
        .orShould()
        .callMethod(HttpServletResponse.class, "sendError", int.class)
        .orShould()
        .callMethod(HttpServletResponse.class, "sendError", int.class, String.class)
        .orShould()
        .callConstructor(WebApplicationException.class, Response.class)
        .orShould()
        .callConstructor(WebApplicationException.class, int.class)
        .orShould()
        .dependOnClassesThat()
        .haveFullyQualifiedName("io.logtojee.api.error.ApiError")
        .because("a failure below the edge carries a code; api.error alone maps it to a status")
        .check(main);
  }

  @Test
  void signInNeverSeesTheMailSettings() {
    noClasses()
        .that()
        .resideInAnyPackage("io.logtojee.auth..", "io.logtojee.web..")
        .should()
        .dependOnClassesThat()
        .areAssignableTo(MailSettings.class)
        .check(main);
  }

  @Test
  void settingsKnowNoOtherCapability() {
    noClasses()
        .that()
        .resideInAPackage("io.logtojee.config..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.logtojee.auth..", "io.logtojee.api..", "io.logtojee.mail..", "io.logtojee.web..")
        .check(main);
  }

  @Test
  void onlyTheCompositionRootBuildsSharedStores() {
    List<Class<?>> stores =
        List.of(
            RevokedSessions.class,
            SessionDirectory.class,
            SendCounterStore.class,
            MailConfigStore.class);
    DescribedPredicate<JavaConstructorCall> buildsAStore =
        DescribedPredicate.describe(
            "build a store several nodes may share",
            call -> {
              JavaClass built = call.getTargetOwner();
              boolean delegating = call.getOriginOwner().equals(built);
              return !delegating && stores.stream().anyMatch(built::isAssignableTo);
            });
    noClasses()
        .that()
        .resideOutsideOfPackage("io.logtojee.app")
        .should()
        .callConstructorWhere(buildsAStore)
        .check(main);
  }
}
