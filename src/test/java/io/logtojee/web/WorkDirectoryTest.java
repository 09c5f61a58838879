package io.logtojee.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
