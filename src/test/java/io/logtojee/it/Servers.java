package io.logtojee.it;

import java.net.URI;

/** Where the server under test listens; matches {@code arquillian.xml}. */
final class Servers {

  private Servers() {}

  static String container() {
    return System.getProperty("test.container", "tomcat11");
  }

  static boolean isWildFly() {
    return container().equals("wildfly");
  }

  /** The application's base URL without a trailing slash, as configured in APP_BASE_URL. */
  static String appBase() {
    return isWildFly() ? "http://localhost:8180/app" : "http://localhost:8080/app";
  }

  static URI app(String path) {
    return URI.create(appBase() + path);
  }

  static int dmPort() {
    return Integer.getInteger("test.dm.port", 9412);
  }

  /** Where arquillian.xml points MAIL_CONFIG_FILE for this server. */
  static java.nio.file.Path mailConfigFile() {
    return java.nio.file.Paths.get("target", "it-mail", container(), "mail-config.json");
  }

  /** The server's log file, for checks of what the application logged. */
  static java.nio.file.Path serverLogDirectory() {
    return isWildFly()
        ? java.nio.file.Paths.get("target/servers/wildfly-39.0.1.Final/standalone/log")
        : java.nio.file.Paths.get(
            "target/servers/apache-tomcat-"
                + (container().equals("tomcat10") ? "10.1.59" : "11.0.24")
                + "/logs");
  }

  static int opPort() {
    return Integer.getInteger("test.op.port", 9411);
  }
}
