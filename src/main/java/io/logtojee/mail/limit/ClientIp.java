package io.logtojee.mail.limit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The end user's address as Logto's {@code ip} gives it, reduced to the network it counts for: an
 * IPv4 address counts alone, an IPv6 address for its /64 (one subscriber usually gets a whole /64
 * and can rotate through it at will), and an IPv4-mapped IPv6 address ({@code ::ffff:1.2.3.4}) as
 * the IPv4 address it carries.
 *
 * <p>Parsing is strict and purely textual, never a DNS lookup: dotted-quad IPv4 without leading
 * zeros (which some parsers read as octal), and RFC 4291 IPv6 text with at most one {@code ::} and
 * an optional dotted-quad tail. Brackets, zone ids ({@code %eth0}), ports and host names are not IP
 * addresses here.
 */
public final class ClientIp {
  private static final Pattern IPV4 =
      Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");
  private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
  private static final int MAX_TEXT = 45;

  private final String bucket;

  private ClientIp(String bucket) {
    this.bucket = bucket;
  }

  /**
   * The client for {@code raw} after removing surrounding whitespace; empty when {@code raw} is
   * null, blank or not an IP address.
   */
  public static Optional<ClientIp> parse(String raw) {
    if (raw == null) {
      return Optional.empty();
    }
    String text = raw.strip();
    if (text.isEmpty() || text.length() > MAX_TEXT) {
      return Optional.empty();
    }
    int[] v4 = parseIpv4(text);
    if (v4 != null) {
      return Optional.of(new ClientIp(ipv4(v4)));
    }
    int[] v6 = parseIpv6(text);
    if (v6 == null) {
      return Optional.empty();
    }
    if (isIpv4Mapped(v6)) {
      int[] embedded = {v6[6] >>> 8, v6[6] & 0xFF, v6[7] >>> 8, v6[7] & 0xFF};
      return Optional.of(new ClientIp(ipv4(embedded)));
    }
    return Optional.of(
        new ClientIp(
            Integer.toHexString(v6[0])
                + ":"
                + Integer.toHexString(v6[1])
                + ":"
                + Integer.toHexString(v6[2])
                + ":"
                + Integer.toHexString(v6[3])
                + "::/64"));
  }

  /**
   * What is counted: the IPv4 address ({@code 203.0.113.7}) or the IPv6 /64 ({@code
   * 2001:db8:0:1::/64}), in one canonical spelling.
   */
  public String bucket() {
    return bucket;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ClientIp that && bucket.equals(that.bucket);
  }

  @Override
  public int hashCode() {
    return bucket.hashCode();
  }

  @Override
  public String toString() {
    return bucket;
  }

  private static String ipv4(int[] octets) {
    return octets[0] + "." + octets[1] + "." + octets[2] + "." + octets[3];
  }

  /** Four octets, or null. */
  private static int[] parseIpv4(String text) {
    if (!IPV4.matcher(text).matches()) {
      return null;
    }
    String[] parts = text.split("\\.");
    int[] octets = new int[4];
    for (int i = 0; i < 4; i++) {
      octets[i] = Integer.parseInt(parts[i]);
      if (octets[i] > 255) {
        return null;
      }
    }
    return octets;
  }

  /** Eight 16-bit groups, or null. */
  private static int[] parseIpv6(String text) {
    // A second "::" (or a ":::") leaves an empty field after the first, which groups refuses.
    int gap = text.indexOf("::");
    List<Integer> head;
    List<Integer> tail;
    if (gap < 0) {
      head = groups(text, true);
      tail = List.of();
      if (head == null || head.size() != 8) {
        return null;
      }
    } else {
      String after = text.substring(gap + 2);
      head = groups(text.substring(0, gap), false);
      tail = groups(after, true);
      if (head == null || tail == null || head.size() + tail.size() > 7) {
        return null;
      }
    }
    int[] result = new int[8];
    for (int i = 0; i < head.size(); i++) {
      result[i] = head.get(i);
    }
    for (int i = 0; i < tail.size(); i++) {
      result[8 - tail.size() + i] = tail.get(i);
    }
    return result;
  }

  /**
   * The groups of one side of {@code ::} (or of the whole address), or null; an empty side has
   * none. Only the address's last part may end in a dotted quad, which stands for two groups.
   */
  private static List<Integer> groups(String part, boolean last) {
    if (part.isEmpty()) {
      return List.of();
    }
    List<Integer> groups = new ArrayList<>();
    String[] fields = part.split(":", -1);
    for (int i = 0; i < fields.length; i++) {
      String field = fields[i];
      // A dotted quad and a hex group have no spelling in common.
      int[] v4 = last && i == fields.length - 1 ? parseIpv4(field) : null;
      if (v4 != null) {
        groups.add((v4[0] << 8) | v4[1]);
        groups.add((v4[2] << 8) | v4[3]);
      } else if (HEX_GROUP.matcher(field).matches()) {
        groups.add(Integer.parseInt(field, 16));
      } else {
        return null;
      }
    }
    return groups;
  }

  private static boolean isIpv4Mapped(int[] groups) {
    for (int i = 0; i < 5; i++) {
      if (groups[i] != 0) {
        return false;
      }
    }
    return groups[5] == 0xFFFF;
  }
}
