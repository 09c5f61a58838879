package io.logtojee.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logtojee.testsupport.op.TestUser;
import io.logtojee.testsupport.server.ServerNode;
import io.logtojee.testsupport.server.WildFlyNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * FLT-05 on a real WildFly process with the distribution's {@code standalone.xml}, started with
 * {@code umask 0077} as the README asks: the application is distributable, so its sessions live in
 * the {@code web} cache container's local cache, which writes them to files under {@code
 * data/infinispan/} when the server stops cleanly and reads them back at start. The shared contract
 * covers {@code kill -9}.
 */
class WildFlySessionsAcrossRestartsIT extends SessionsAcrossRestartsContract {

  private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);

  @Override
  ServerNode buildNode(String logtoEndpoint) {
    return WildFlyNode.builder("flt05-wildfly").logtoEndpoint(logtoEndpoint).umask("0077").build();
  }

  @Test
  void aCleanStopKeepsUsersSignedInAndStoresThemInFilesOnlyTheServerCanRead() {
    NodeBrowser browser = signedInBrowser(TestUser.demo());
    JsonNode before = browser.me();
    long mark = node.logMark();

    node.stopCleanly();
    Path store = node.base().resolve("data/infinispan/web");
    List<Path> stored = files(store);
    long bytes = stored.stream().mapToLong(WildFlySessionsAcrossRestartsIT::size).sum();
    List<String> readableByOthers =
        stored.stream()
            .filter(file -> permissions(file).stream().anyMatch(GROUP_OR_OTHERS::contains))
            .map(file -> PosixFilePermissions.toString(permissions(file)) + " " + file)
            .toList();
    node.start();

    System.out.printf(
        "FLT-05 (WildFly): the web cache's files after a clean stop: %d files, %d bytes%n",
        stored.size(), bytes);
    assertFalse(stored.isEmpty(), "WildFly stored the sessions under " + store);
    assertTrue(
        readableByOthers.isEmpty(),
        "FLT-05: the stored sessions hold tokens; with umask 0077 only the server reads them: "
            + readableByOthers);
    assertEquals(before, browser.me(), "FLT-05: the same user with the same claims");
    assertNoSessionTrouble(node.logTextSince(mark));
  }

  private static List<Path> files(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<PosixFilePermission> permissions(Path file) {
    try {
      return Files.getPosixFilePermissions(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
