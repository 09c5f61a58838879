package io.logtojee.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logtojee.testsupport.browser.Chromium;
import io.logtojee.testsupport.net.RoundRobinProxy;
import io.logtojee.testsupport.server.NodePorts;
import io.logtojee.testsupport.server.ServerNode;
import io.logtojee.testsupport.server.TomcatNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The cluster contract on two Tomcat 11 nodes set up as the README says: the {@code <Cluster>} of
 * {@code server-config/tomcat/cluster.xml} in each node's {@code <Engine>} with the node's own
 * receiver and the member list, and {@code context.xml} without its {@code <Manager>}.
 */
class TomcatClusterIT extends ClusterContract {

  /**
   * A person in Chromium signs in and out through the proxy: every page and API call of the way may
   * land on either node.
   */
  @Test
  @Order(6)
  void aPersonInChromiumSignsInAndOutThroughTheProxy() {
    int before = proxy.served().size();
    ChromeDriver browser = Chromium.start();
    try {
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
      browser.get(appBaseUrl + "/");
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in"))).click();

      WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("name")));
      assertEquals(ADMIN.name(), name.getText());
      assertEquals(ADMIN.sub(), browser.findElement(By.id("sub")).getText());
      assertEquals(appBaseUrl + "/", browser.getCurrentUrl());
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-out"))).click();

      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-out")));
      assertEquals(appBaseUrl + "/", browser.getCurrentUrl());
    } finally {
      browser.quit();
    }
    List<RoundRobinProxy.Served> served = proxy.served();
    assertEquals(
        Set.of(0, 1),
        served.subList(before, served.size()).stream()
            .map(RoundRobinProxy.Served::node)
            .collect(Collectors.toSet()),
        "the pages came from both nodes");
  }

  private static final Path CLUSTER_XML = Paths.get("server-config/tomcat/cluster.xml");
  private static final Path CONTEXT_XML = Paths.get("server-config/tomcat/context.xml");

  @Override
  List<ServerNode> buildNodes(Map<String, String> settings) {
    try {
      int receiverA = NodePorts.claim();
      int receiverB = NodePorts.claim();
      String cluster = clusterElement();
      Path descriptor = contextWithoutManager();
      return List.of(
          node("cluster-tomcat-a", settings, cluster, receiverA, receiverA, receiverB, descriptor),
          node("cluster-tomcat-b", settings, cluster, receiverB, receiverA, receiverB, descriptor));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TomcatNode node(
      String name,
      Map<String, String> settings,
      String cluster,
      int ownReceiver,
      int receiverA,
      int receiverB,
      Path descriptor) {
    String engineContent =
        cluster
            .replace(
                "host=\"10.0.0.11\" port=\"4000\"", "host=\"127.0.0.1\" port=\"" + receiverA + "\"")
            .replace(
                "host=\"10.0.0.12\" port=\"4000\"", "host=\"127.0.0.1\" port=\"" + receiverB + "\"")
            .replace("address=\"10.0.0.11\"", "address=\"127.0.0.1\"")
            .replace("port=\"4000\"", "port=\"" + ownReceiver + "\"");
    TomcatNode.Builder builder = TomcatNode.builder(name).contextDescriptor(descriptor);
    settings.forEach(builder::setting);
    return builder.engineContent(engineContent).build();
  }

  /** The {@code <Cluster>} element of the documented file, with its comments. */
  private static String clusterElement() throws IOException {
    String xml = Files.readString(CLUSTER_XML, StandardCharsets.UTF_8);
    int start = xml.indexOf("<Cluster ");
    int end = xml.indexOf("</Cluster>") + "</Cluster>".length();
    String cluster = xml.substring(start, end);
    for (String expected :
        List.of(
            "host=\"10.0.0.11\" port=\"4000\"",
            "host=\"10.0.0.12\" port=\"4000\"",
            "address=\"10.0.0.11\"")) {
      if (!cluster.contains(expected)) {
        throw new IllegalStateException("cluster.xml no longer has " + expected);
      }
    }
    return cluster;
  }

  /** context.xml as the README says to install it on a cluster node: without its Manager. */
  private static Path contextWithoutManager() throws IOException {
    String xml = Files.readString(CONTEXT_XML, StandardCharsets.UTF_8);
    int start = xml.indexOf("<Manager ");
    int end = xml.indexOf("/>", start) + 2;
    if (start < 0 || xml.indexOf("<Manager ", end) >= 0) {
      throw new IllegalStateException("context.xml: expected exactly one <Manager>");
    }
    Path descriptor = Files.createTempFile("cluster-context", ".xml");
    Files.writeString(descriptor, xml.substring(0, start) + xml.substring(end));
    descriptor.toFile().deleteOnExit();
    return descriptor;
  }
}
