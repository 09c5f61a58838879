package io.logtojee.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkDirectoryTest {

  @TempDir Path temp;

  @Test
  void anOpenDirectoryBecomesOwnerOnly() throws Exception {
    Path work = Files.createDirectory(temp.resolve("work"));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));

    assertTrue(WorkDirectory.restrictToOwner(work));

    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(work)));
  }

  @Test
  void aMissingDirectoryIsLeftAlone() {
    Path missing = temp.resolve("missing");

    assertFalse(WorkDirectory.restrictToOwner(missing));
    assertFalse(Files.exists(missing));
  }

  /** A servlet context that answers only {@code getAttribute(TEMPDIR)}. */
  private static ServletContext contextWithTempDir(Object tempDir) {
    return (ServletContext)
        Proxy.newProxyInstance(
            ServletContext.class.getClassLoader(),
            new Class<?>[] {ServletContext.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getAttribute")
                  && ServletContext.TEMPDIR.equals(args[0])) {
                return tempDir;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  @Test
  void theWorkDirectoryIsTheContainersTempDir() {
    Path work = temp.resolve("work");

    assertEquals(work, WorkDirectory.of(contextWithTempDir(work.toFile())));
    assertThrows(IllegalStateException.class, () -> WorkDirectory.of(contextWithTempDir(null)));
  }

  @Test
  void theContainersTempDirIsMadeOwnerOnly() throws Exception {
    Path work = Files.createDirectory(temp.resolve("work"));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));

    WorkDirectory.restrictToOwner(contextWithTempDir(work.toFile()));
    WorkDirectory.restrictToOwner(contextWithTempDir(null));

    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(work)));
  }
}
