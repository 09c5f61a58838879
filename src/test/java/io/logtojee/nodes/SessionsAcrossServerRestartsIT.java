package io.logtojee.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logtojee.testsupport.op.TestUser;
import io.logtojee.testsupport.server.ServerNode;
import io.logtojee.testsupport.server.TomcatNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * FLT-05 on a real Tomcat process set up the way server-config documents it ({@code context.xml} as
 * the context descriptor, which turns session persistence on, and {@code setenv.sh}): a clean stop
 * (SIGTERM) and start keeps signed-in users signed in and stores them in a file others cannot read;
 * a {@code kill -9} is the shared contract.
 */
class SessionsAcrossServerRestartsIT extends SessionsAcrossRestartsContract {

  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  @Override
  ServerNode buildNode(String logtoEndpoint) {
    return TomcatNode.builder("flt05")
        .logtoEndpoint(logtoEndpoint)
        .contextDescriptor(Paths.get("server-config/tomcat/context.xml"))
        .setenv(Paths.get("server-config/tomcat/setenv.sh.example"))
        .build();
  }

  private Path sessionFile() {
    return ((TomcatNode) node).applicationWorkDirectory().resolve("SESSIONS.ser");
  }

  @Test
  void aCleanStopKeepsUsersSignedInAndStoresThemInAFileOthersCannotRead() throws Exception {
    NodeBrowser browser = signedInBrowser(TestUser.demo());
    JsonNode before = browser.me();
    long mark = node.logMark();

    node.stopCleanly();
    Path sessions = sessionFile();
    assertTrue(Files.exists(sessions), "StandardManager stored the sessions when Tomcat stopped");
    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(sessions);
    Set<PosixFilePermission> directoryMode = Files.getPosixFilePermissions(sessions.getParent());
    long bytes = Files.size(sessions);
    node.start();

    System.out.printf(
        "FLT-05 (node): SESSIONS.ser of one session: %d bytes, file %s, directory %s%n",
        bytes, PosixFilePermissions.toString(mode), PosixFilePermissions.toString(directoryMode));
    assertTrue(
        mode.stream().noneMatch(OTHERS::contains),
        "FLT-05: the session file holds tokens and must not be world-readable: "
            + PosixFilePermissions.toString(mode));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(mode),
        "server-config's setenv.sh sets UMASK=0077, so only Tomcat's user can read the sessions");
    assertEquals("rwx------", PosixFilePermissions.toString(directoryMode));
    assertEquals(before, browser.me(), "FLT-05: the same user with the same claims");
    assertFalse(Files.exists(sessions), "Tomcat removes the file once the sessions are back");
    assertNoSessionTrouble(node.logTextSince(mark));
  }
}
