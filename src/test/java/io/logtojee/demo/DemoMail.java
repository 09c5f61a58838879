package io.logtojee.demo;

import java.nio.file.Path;
import java.util.List;

/** The DirectMail side of the demo; filled in once the sender exists. */
final class DemoMail {

  private DemoMail() {}

  static List<String> start(Path tomcat) {
    return List.of();
  }

  static void describe(String base) {}

  static void stop() {}
}
