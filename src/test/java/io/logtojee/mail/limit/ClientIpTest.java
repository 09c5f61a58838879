package io.logtojee.mail.limit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Logto's {@code ip}, reduced strictly and without DNS to the network it is counted for. */
class ClientIpTest {

  private static String bucket(String ip) {
    return ClientIp.parse(ip).orElseThrow(() -> new AssertionError(ip + " not parsed")).bucket();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "203.0.113.7|203.0.113.7",
        "' 203.0.113.7 '|203.0.113.7",
        "0.0.0.0|0.0.0.0",
        "255.255.255.255|255.255.255.255",
        "::ffff:1.2.3.4|1.2.3.4",
        "::FFFF:1.2.3.4|1.2.3.4",
        "::ffff:0102:0304|1.2.3.4",
        "0:0:0:0:0:ffff:102:304|1.2.3.4",
        "0000:0000:0000:0000:0000:FFFF:1.2.3.4|1.2.3.4"
      })
  void ipv4AndIpv4MappedAddressesCountAsTheIpv4Address(String ip, String expected) {
    assertEquals(expected, bucket(ip));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2001:db8:1:2::1|2001:db8:1:2::/64",
        "2001:DB8:1:2:FFFF:FFFF:FFFF:FFFF|2001:db8:1:2::/64",
        "2001:0db8:0001:0002:0000:0000:0000:0000|2001:db8:1:2::/64",
        "2001:db8:1:2::|2001:db8:1:2::/64",
        "2001:db8:1:2:aaaa:bbbb:1.2.3.4|2001:db8:1:2::/64",
        "1:2:3:4:5:6:7::|1:2:3:4::/64",
        "::1|0:0:0:0::/64",
        "::|0:0:0:0::/64",
        "fe80::1|fe80:0:0:0::/64"
      })
  void ipv6AddressesCountForTheirSlash64(String ip, String expected) {
    assertEquals(expected, bucket(ip));
  }

  @Test
  void oneSlash64IsOneBucketAndTheNextIsAnother() {
    assertEquals(bucket("2001:db8:1:2::1"), bucket("2001:db8:1:2:dead:beef:0:1"));
    assertNotEquals(bucket("2001:db8:1:2::1"), bucket("2001:db8:1:3::1"));
    assertNotEquals(bucket("1.2.3.4"), bucket("1.2.3.5"));
    assertEquals(bucket("1.2.3.4"), bucket("::ffff:1.2.3.4"));
  }

  @Test
  void theLongestSpellingOfAnAddressFortyFiveCharactersIsAccepted() {
    String mapped = "0000:0000:0000:0000:0000:ffff:255.255.255.255";
    assertEquals(45, mapped.length());
    assertEquals("255.255.255.255", bucket(mapped));
    assertEquals("0:0:0:0::/64", bucket("0000:0000:0000:0000:0000:0000:255.255.255.255"));
  }

  @Test
  void aDoubleColonBetweenSevenGroupsStandsForTheEighth() {
    assertEquals("1:2:3:0::/64", bucket("1:2:3::5:6:7:8"));
    assertEquals("0:2:3:4::/64", bucket("::2:3:4:5:6:7:8"));
    assertEquals("1:2:3:4::/64", bucket("1:2:3:4:5::1.2.3.4"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1:2:3:4::5:6:7:8",
        "::1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7:8::",
        "1:2:3:4:5:6::1.2.3.4",
        "::1:2:3:4:5:6:1.2.3.4"
      })
  void eightGroupsLeaveNoRoomForADoubleColon(String ip) {
    assertEquals(Optional.empty(), ClientIp.parse(ip));
  }

  @ParameterizedTest
  @ValueSource(strings = {"::1::2", "1::2::", "::1::", ":::", "1:::2", "::1:::2", "1::2::3.4.5.6"})
  void onlyOneDoubleColonIsAllowed(String ip) {
    assertEquals(Optional.empty(), ClientIp.parse(ip));
  }

  @Test
  void clientsOfTheSameNetworkAreEqualAndPrintAsTheirBucket() {
    ClientIp one = ClientIp.parse("2001:db8:1:2::1").orElseThrow();
    ClientIp sameNetwork = ClientIp.parse("2001:db8:1:2:dead:beef:0:1").orElseThrow();
    ClientIp otherNetwork = ClientIp.parse("2001:db8:1:3::1").orElseThrow();

    assertEquals(one, sameNetwork);
    assertEquals(one.hashCode(), sameNetwork.hashCode());
    assertNotEquals(one, otherNetwork);
    assertNotEquals(one, (Object) "2001:db8:1:2::/64");
    assertEquals("2001:db8:1:2::/64", one.toString());
    assertEquals("1.2.3.4", ClientIp.parse("::ffff:1.2.3.4").orElseThrow().toString());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "   ",
        "localhost",
        "example.com",
        "1.2.3",
        "1.2.3.4.5",
        "256.1.1.1",
        "1.2.3.-4",
        "01.2.3.4",
        "1.2.3.04",
        "0x7f.0.0.1",
        "2130706433",
        "1.2.3.4:8080",
        "١.٢.٣.٤",
        "[2001:db8::1]",
        "2001:db8::1%eth0",
        "2001:db8:::1",
        "1::2::3",
        "12345::",
        "g::1",
        "1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7:8::",
        ":1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:",
        "::ffff:1.2.3.4.5",
        "::ffff:01.2.3.4",
        "1.2.3.4::",
        "1.2.3.4::1",
        "203.0.113.7, 198.51.100.1"
      })
  void anythingElseIsNoIp(String ip) {
    assertEquals(Optional.empty(), ClientIp.parse(ip));
  }
}
