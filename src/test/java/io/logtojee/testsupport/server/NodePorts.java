package io.logtojee.testsupport.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports in the range set aside for self-started nodes and their doubles (28500–28599), so
 * they never collide with the fixed ports of the Arquillian runs that may be going on at the same
 * time. The range lies below Linux's ephemeral ports (32768–60999): a port claimed there could be
 * taken by some client connection's local port before the server binds it (a WildFly cluster node
 * once failed with "Address already in use" that way). A port handed out once is not handed out
 * again by this JVM, even after it is closed, so a node restarting on its port cannot lose it to a
 * sibling.
 */
public final class NodePorts {

  public static final int FIRST = 28500;
  public static final int LAST = 28599;

  private static final Set<Integer> CLAIMED = new HashSet<>();

  private NodePorts() {}

  /** A port in the range that nothing listens on now and this JVM has not handed out before. */
  public static synchronized int claim() {
    int size = LAST - FIRST + 1;
    // A random starting point keeps two JVMs running these tests from probing in lockstep.
    int offset = ThreadLocalRandom.current().nextInt(size);
    for (int i = 0; i < size; i++) {
      int port = FIRST + (offset + i) % size;
      if (!CLAIMED.contains(port) && bindable(port)) {
        CLAIMED.add(port);
        return port;
      }
    }
    throw new IllegalStateException("no free port in " + FIRST + "-" + LAST);
  }

  private static boolean bindable(int port) {
    // The wildcard address, as Tomcat's connector binds it.
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(false);
      probe.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
