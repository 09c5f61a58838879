package io.logtojee.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.mail.config.ConfigViolation;
import io.logtojee.mail.config.EndpointPolicy;
import io.logtojee.mail.config.MailConfigLoader;
import io.logtojee.mail.config.MailConfigValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The example files in server-config are what an operator copies: they must stay valid. */
class ServerConfigExamplesTest {

  @Test
  void mailConfigurationExampleIsValidOnceThePlaceholdersAreFilledIn() throws Exception {
    String json =
        Files.readString(Path.of("server-config/aliyun-dm.example.json"))
            .replace("<RAM user AccessKey ID>", "LTAI5tExample")
            .replace("<RAM user AccessKey secret>", "example-secret");
    try (MailConfigValidator validator = new MailConfigValidator(new EndpointPolicy(false))) {
      List<ConfigViolation> violations =
          new MailConfigLoader(validator)
              .validate(new MailConfigLoader(validator).parseUnvalidated(json));

      assertEquals(List.of(), violations);
    }
  }

  @Test
  void environmentExampleNamesEverySetting() throws Exception {
    String example = Files.readString(Path.of("server-config/app.env.example"));
    for (Setting setting : AppSettings.declared()) {
      if (!setting.value().equals("MAIL_ALLOW_INSECURE_ENDPOINT")) {
        assertTrue(
            example.contains(setting.value() + "="),
            setting.value() + " missing from app.env.example");
      }
    }
  }

  /**
   * Tomcat only warns about a {@code uniqueId} byte outside -128..127 and then runs the member with
   * an all-zero id, and a Receiver with the default {@code autoBind} may take another node's port:
   * the example must get both right, since operators copy it.
   */
  @Test
  void tomcatClusterExampleHasSignedUniqueIdsAndAFixedReceiverPort() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document cluster =
        factory.newDocumentBuilder().parse(Path.of("server-config/tomcat/cluster.xml").toFile());

    Element manager = (Element) cluster.getElementsByTagName("Manager").item(0);
    assertEquals("org.apache.catalina.ha.session.DeltaManager", manager.getAttribute("className"));
    assertEquals("false", manager.getAttribute("expireSessionsOnShutdown"));
    assertEquals("true", manager.getAttribute("notifyListenersOnReplication"));

    NodeList members = cluster.getElementsByTagName("Member");
    assertEquals(2, members.getLength(), "two nodes");
    Set<List<Integer>> ids = new HashSet<>();
    Set<String> ports = new HashSet<>();
    for (int i = 0; i < members.getLength(); i++) {
      Element member = (Element) members.item(i);
      String text = member.getAttribute("uniqueId");
      assertTrue(text.startsWith("{") && text.endsWith("}"), text);
      List<Integer> bytes = new ArrayList<>();
      for (String part : text.substring(1, text.length() - 1).split(",")) {
        int value = Integer.parseInt(part.trim());
        assertTrue(value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE, "signed byte: " + value);
        bytes.add(value);
      }
      assertEquals(16, bytes.size(), text);
      assertTrue(ids.add(bytes), "every member has its own uniqueId");
      ports.add(member.getAttribute("host") + ":" + member.getAttribute("port"));
    }

    Element receiver = (Element) cluster.getElementsByTagName("Receiver").item(0);
    assertEquals("1", receiver.getAttribute("autoBind"));
    assertTrue(
        ports.contains(receiver.getAttribute("address") + ":" + receiver.getAttribute("port")),
        "the node lists itself as a member");
  }

  @Test
  void wildflyClusterScriptIsOneBatchWithStaticDiscovery() throws Exception {
    String script = Files.readString(Path.of("server-config/wildfly/configure-ha.cli"));
    List<String> commands =
        script.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();

    assertEquals("batch", commands.get(0));
    assertEquals("run-batch", commands.get(commands.size() - 1));
    assertTrue(script.contains("initial_hosts=\"${jboss.cluster.tcp.initial_hosts}\""));
    assertTrue(commands.contains("/subsystem=modcluster:remove"));
  }
}
