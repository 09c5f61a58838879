package io.logtojee.nodes;

import io.logtojee.testsupport.server.ServerNode;
import io.logtojee.testsupport.server.WildFlyNode;
import java.util.List;
import java.util.Map;

/**
 * The cluster contract on two WildFly 39 nodes running {@code standalone-ha.xml} changed by {@code
 * server-config/wildfly/configure-ha.cli} (JGroups over TCP with a static member list, sessions in
 * the distributed cache with two owners).
 */
class WildFlyClusterIT extends ClusterContract {

  @Override
  List<ServerNode> buildNodes(Map<String, String> settings) {
    List<WildFlyNode> members =
        List.of(node("cluster-wildfly-a", settings), node("cluster-wildfly-b", settings));
    members.forEach(member -> member.clusterWith(members));
    return List.copyOf(members);
  }

  private static WildFlyNode node(String name, Map<String, String> settings) {
    WildFlyNode.Builder builder = WildFlyNode.builder(name).highAvailability().umask("0077");
    settings.forEach(builder::setting);
    return builder.build();
  }
}
