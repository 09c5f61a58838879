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

  static int opPort() {
    return Integer.getInteger("test.op.port", 9411);
  }
}
