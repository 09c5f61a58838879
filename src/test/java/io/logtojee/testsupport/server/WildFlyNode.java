package io.logtojee.testsupport.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A WildFly node: the unpacked distribution ({@code JBOSS_HOME}, shared and never written) with a
 * private server base ({@code JBOSS_BASE_DIR}: a copy of {@code standalone/configuration}, the WAR
 * in {@code deployments/}, its own data, log and tmp), bound to 127.0.0.1 with every port of its
 * own. {@code standalone.sh} runs the JVM as its child; signals go to that JVM.
 *
 * <p>A {@link Builder#highAvailability() highly available} node runs {@code standalone-ha.xml}
 * changed by the project's {@code server-config/wildfly/configure-ha.cli}, applied with the
 * embedded CLI as its header tells operators, and joins the nodes given to {@link #clusterWith}.
 * Both configurations get the transaction ports as expressions, since they are literals in the
 * distribution and two nodes on one host would share them.
 */
public final class WildFlyNode extends ServerNode {

  private static final Path HA_SCRIPT = Paths.get("server-config/wildfly/configure-ha.cli");

  private final Path home;
  private final String serverConfig;
  private final String umask;
  private final int httpsPort = NodePorts.claim();
  private final int ajpPort = NodePorts.claim();
  private final int managementPort = NodePorts.claim();
  private final int managementHttpsPort = NodePorts.claim();
  private final int txnRecoveryPort = NodePorts.claim();
  private final int txnStatusPort = NodePorts.claim();
  private final int jgroupsPort;
  private String initialHosts;

  private WildFlyNode(Builder builder) {
    super(builder);
    this.home = builder.home;
    this.serverConfig = builder.highAvailability ? "standalone-ha.xml" : "standalone.xml";
    this.umask = builder.umask;
    this.jgroupsPort = builder.highAvailability ? NodePorts.claim() : -1;
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

  /**
   * The cluster this node joins: every member, itself included, as {@code TCPPING}'s static list.
   * Call it on each member before starting them.
   */
  public void clusterWith(List<WildFlyNode> members) {
    if (jgroupsPort < 0) {
      throw new IllegalStateException(name() + " is not a highly available node");
    }
    initialHosts =
        members.stream()
            .map(member -> "127.0.0.1[" + member.jgroupsPort + "]")
            .collect(Collectors.joining(","));
  }

  @Override
  protected ProcessBuilder launcher() {
    List<String> command = new ArrayList<>();
    command.add("/bin/sh");
    if (umask != null) {
      // As systemd's UMask= does for a service: the script, then the JVM, inherit it.
      command.add("-c");
      command.add("umask " + umask + " && exec /bin/sh \"$0\" \"$@\"");
    }
    command.add(home.resolve("bin/standalone.sh").toString());
    command.add("-c");
    command.add(serverConfig);
    command.addAll(serverOptions());
    command.addAll(settingOptions());
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    for (String inherited :
        List.of("JAVA_OPTS", "LAUNCH_JBOSS_IN_BACKGROUND", "JBOSS_PIDFILE", "JBOSS_LOG_DIR")) {
      environment.remove(inherited);
    }
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    environment.put("JBOSS_HOME", home.toString());
    environment.put("JBOSS_BASE_DIR", base().toString());
    // standalone.conf's defaults, with C1 only and the serial collector: two cores are shared.
    environment.put(
        "JAVA_OPTS",
        "-Xms64m -Xmx512m -XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m"
            + " -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.net.preferIPv4Stack=true"
            + " -Djboss.modules.system.pkgs=org.jboss.byteman -Djava.awt.headless=true"
            + " -Dsun.net.http.retryPost=false");
    return builder;
  }

  private List<String> serverOptions() {
    List<String> options = new ArrayList<>();
    options.add("-Djboss.node.name=" + name());
    options.add("-Djboss.tx.node.id=" + name());
    options.add("-Djboss.bind.address=127.0.0.1");
    options.add("-Djboss.bind.address.private=127.0.0.1");
    options.add("-Djboss.bind.address.management=127.0.0.1");
    options.add("-Djboss.http.port=" + httpPort());
    options.add("-Djboss.https.port=" + httpsPort);
    options.add("-Djboss.ajp.port=" + ajpPort);
    options.add("-Djboss.management.http.port=" + managementPort);
    options.add("-Djboss.management.https.port=" + managementHttpsPort);
    options.add("-Djboss.txn.recovery.port=" + txnRecoveryPort);
    options.add("-Djboss.txn.status.port=" + txnStatusPort);
    if (jgroupsPort >= 0) {
      if (initialHosts == null) {
        throw new IllegalStateException(name() + ": call clusterWith(...) before start()");
      }
      options.add("-Djboss.jgroups.tcp.port=" + jgroupsPort);
      options.add("-Djboss.cluster.tcp.initial_hosts=" + initialHosts);
    }
    return options;
  }

  // ------------------------------------------------------------------ base directory

  private void prepareBase(Builder builder) throws IOException {
    Path base = base();
    deleteTree(base);
    for (String directory : List.of("configuration", "deployments", "mail")) {
      Files.createDirectories(base.resolve(directory));
    }
    try (Stream<Path> files = Files.list(home.resolve("standalone/configuration"))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Files.copy(file, base.resolve("configuration").resolve(file.getFileName()));
      }
    }
    Path config = base.resolve("configuration").resolve(serverConfig);
    String xml = Files.readString(config, StandardCharsets.UTF_8);
    xml =
        replaceOnce(
            xml,
            "<socket-binding name=\"txn-recovery-environment\" port=\"4712\"/>",
            "<socket-binding name=\"txn-recovery-environment\""
                + " port=\"${jboss.txn.recovery.port:4712}\"/>");
    xml =
        replaceOnce(
            xml,
            "<socket-binding name=\"txn-status-manager\" port=\"4713\"/>",
            "<socket-binding name=\"txn-status-manager\" port=\"${jboss.txn.status.port:4713}\"/>");
    Files.writeString(config, xml, StandardCharsets.UTF_8);
    if (builder.highAvailability) {
      applyOffline(Files.readString(HA_SCRIPT, StandardCharsets.UTF_8));
    }
    Files.copy(builder.war, base.resolve("deployments/app.war"));
  }

  /** Runs a CLI script on this node's configuration file with the embedded server, offline. */
  private void applyOffline(String script) throws IOException {
    Path file = base().resolve("apply.cli");
    Files.writeString(
        file,
        "embed-server --server-config="
            + serverConfig
            + " --std-out=discard\n"
            + script
            + "\nstop-embedded-server\n",
        StandardCharsets.UTF_8);
    Path output = base().resolve("apply-cli.log");
    ProcessBuilder cli =
        new ProcessBuilder("/bin/sh", home.resolve("bin/jboss-cli.sh").toString(), "--file=" + file)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    cli.environment().put("JAVA_HOME", System.getProperty("java.home"));
    cli.environment().put("JBOSS_HOME", home.toString());
    cli.environment().put("JAVA_OPTS", "-Djboss.server.base.dir=" + base());
    try {
      Process process = cli.start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("the embedded CLI did not finish within 120 s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "the embedded CLI failed with "
                + process.exitValue()
                + ":\n"
                + Files.readString(output, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path defaultHome() {
    return serversDirectory().resolve("wildfly-" + requiredProperty("node.wildfly.version"));
  }

  /** What a node runs and how it is configured; {@link #build()} makes its base directory. */
  public static final class Builder extends ServerNode.Builder<Builder> {
    private Path home;
    private boolean highAvailability;
    private String umask;

    private Builder(String name) {
      super(name);
    }

    @Override
    protected Builder self() {
      return this;
    }

    /** The server's file mode mask, such as {@code 0077}; by default the test JVM's. */
    public Builder umask(String mask) {
      if (!mask.matches("0[0-7]{3}")) {
        throw new IllegalArgumentException("umask: four octal digits: " + mask);
      }
      this.umask = mask;
      return this;
    }

    /** {@code standalone-ha.xml} with {@code configure-ha.cli}: a cluster member. */
    public Builder highAvailability() {
      this.highAvailability = true;
      return this;
    }

    /** Claims the ports and makes the base directory afresh; the server is not started yet. */
    public WildFlyNode build() {
      home = checkedHome(home == null ? defaultHome() : home, "bin/standalone.sh", "WildFly");
      return new WildFlyNode(this);
    }
  }
}
