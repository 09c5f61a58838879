package io.logtojee.testsupport.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A Tomcat node: the unpacked distribution ({@code CATALINA_HOME}, shared and never written) with a
 * private {@code CATALINA_BASE}: a copy of the distribution's {@code conf/}, its own HTTP port, no
 * shutdown port (a clean stop is SIGTERM, as from systemd). {@code catalina.sh run} execs the JVM,
 * so the child process is the server itself.
 *
 * <p>Where the distribution and the WAR are comes from system properties the build passes: {@code
 * node.servers.dir} and {@code node.tomcat.version} (the distribution is {@code
 * <servers>/apache-tomcat-<version>}), {@code app.war}, and {@code nodes.dir} for the bases.
 */
public final class TomcatNode extends ServerNode {

  /**
   * A small heap and C1 only: a node lives for seconds, and two cores are shared with the tests.
   */
  private static final List<String> SMALL_JVM =
      List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private final Path home;
  private final List<String> jvmOptions;
  private final Path javaHome;

  private TomcatNode(Builder builder) {
    super(builder);
    this.home = builder.home;
    this.jvmOptions = builder.jvmOptions;
    this.javaHome = builder.javaHome;
    try {
      prepareBase(builder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + base(), e);
    }
  }

  /** A node named {@code name}; its base directory is made afresh when the builder builds it. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The application's work directory, where StandardManager keeps {@code SESSIONS.ser}. */
  public Path applicationWorkDirectory() {
    return base().resolve("work/Catalina/localhost/app");
  }

  @Override
  protected ProcessBuilder launcher() {
    ProcessBuilder builder =
        new ProcessBuilder("/bin/sh", home.resolve("bin/catalina.sh").toString(), "run");
    Map<String, String> environment = builder.environment();
    // Only what this node sets: a developer's shell must not change the server under test.
    for (String inherited : List.of("JAVA_OPTS", "JRE_HOME", "CATALINA_PID", "UMASK")) {
      environment.remove(inherited);
    }
    environment.put("JAVA_HOME", javaHome.toString());
    environment.put("CATALINA_HOME", home.toString());
    environment.put("CATALINA_BASE", base().toString());
    environment.put("CATALINA_OPTS", catalinaOpts());
    return builder;
  }

  private String catalinaOpts() {
    List<String> options = new ArrayList<>(jvmOptions);
    options.add("-Dsun.net.http.retryPost=false");
    options.addAll(settingOptions());
    return String.join(" ", options);
  }

  // ------------------------------------------------------------------ base directory

  private void prepareBase(Builder builder) throws IOException {
    Path base = base();
    deleteTree(base);
    for (String directory : List.of("conf", "logs", "work", "temp", "webapps", "bin", "mail")) {
      Files.createDirectories(base.resolve(directory));
    }
    try (Stream<Path> files = Files.list(home.resolve("conf"))) {
      // Files only: conf/Catalina/ of the distribution may hold what another run deployed.
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, base.resolve("conf").resolve(file.getFileName()));
      }
    }
    Path serverXml = base.resolve("conf/server.xml");
    Files.writeString(
        serverXml,
        rewriteServerXml(Files.readString(serverXml, StandardCharsets.UTF_8), builder),
        StandardCharsets.UTF_8);
    Files.copy(builder.war, base.resolve("webapps/app.war"));
    if (builder.contextDescriptor != null) {
      Path descriptor = base.resolve("conf/Catalina/localhost/app.xml");
      Files.createDirectories(descriptor.getParent());
      Files.copy(builder.contextDescriptor, descriptor);
    }
    if (builder.setenv != null) {
      Files.copy(builder.setenv, base.resolve("bin/setenv.sh"));
    }
    if (builder.skipJarScanning) {
      Files.writeString(
          base.resolve("conf/catalina.properties"),
          "\ntomcat.util.scan.StandardJarScanFilter.jarsToSkip=*.jar\n",
          StandardOpenOption.APPEND);
    }
  }

  /**
   * The distribution's server.xml (CRLF line endings, kept) with this node's HTTP port, no shutdown
   * port, and the builder's extra Engine content. Each edit must match exactly once, so a changed
   * distribution fails here rather than starting a server on the wrong port.
   */
  private String rewriteServerXml(String xml, Builder builder) {
    String edited =
        replaceOnce(xml, "<Server port=\"8005\" shutdown=\"SHUTDOWN\">", "<Server port=\"-1\">");
    edited =
        replaceOnce(
            edited,
            "<Connector port=\"8080\" protocol=\"HTTP/1.1\"",
            "<Connector port=\"" + httpPort() + "\" protocol=\"HTTP/1.1\"");
    String engine = "<Engine name=\"Catalina\" defaultHost=\"localhost\">";
    return replaceOnce(edited, engine, engine + builder.engineContent);
  }

  private static Path defaultHome() {
    return serversDirectory().resolve("apache-tomcat-" + requiredProperty("node.tomcat.version"));
  }

  /** What a node runs and how it is configured; {@link #build()} makes its base directory. */
  public static final class Builder extends ServerNode.Builder<Builder> {
    private Path home;
    private Path contextDescriptor;
    private Path setenv;
    private String engineContent = "";
    private boolean skipJarScanning;
    private List<String> jvmOptions = SMALL_JVM;
    private Path javaHome = Path.of(System.getProperty("java.home"));

    private Builder(String name) {
      super(name);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** Another unpacked Tomcat, e.g. 10.1; by default the one the build names. */
    public Builder tomcatHome(Path tomcatHome) {
      this.home = tomcatHome;
      return this;
    }

    /** Installed as {@code conf/Catalina/localhost/app.xml}, as an operator installs ours. */
    public Builder contextDescriptor(Path descriptor) {
      this.contextDescriptor = descriptor;
      return this;
    }

    /** Installed as {@code bin/setenv.sh} of the base, which {@code catalina.sh} sources. */
    public Builder setenv(Path script) {
      this.setenv = script;
      return this;
    }

    /**
     * XML inserted as the first content of server.xml's {@code <Engine>}, e.g. a {@code Cluster}
     * element for nodes that replicate sessions.
     */
    public Builder engineContent(String xml) {
      this.engineContent = Objects.requireNonNull(xml);
      return this;
    }

    /**
     * Tomcat does not scan the WAR's jars for TLDs, web fragments and annotations, which saves
     * about a third of each start. Ours has none of them in {@code WEB-INF/lib} (no JSP, no
     * fragment, no initialiser), so the application starts the same; a node restarted many times
     * uses it, a node that stands for the documented setup does not.
     */
    public Builder skipJarScanning() {
      this.skipJarScanning = true;
      return this;
    }

    /**
     * The server JVM's heap, collector and compiler options instead of the default small heap with
     * C1 only, e.g. C2 and a fixed heap for a node that is measured under load.
     */
    public Builder jvmOptions(List<String> options) {
      this.jvmOptions = List.copyOf(options);
      return this;
    }

    /** The JDK the server runs on; by default the one running the tests. */
    public Builder javaHome(Path home) {
      this.javaHome = home;
      return this;
    }

    /** Claims a port and makes the base directory afresh; the server is not started yet. */
    public TomcatNode build() {
      home = checkedHome(home == null ? defaultHome() : home, "bin/catalina.sh", "Tomcat");
      return new TomcatNode(this);
    }
  }
}
