package io.logtojee.mail.aliyun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every vector of aliyun-dm.md §3.3. */
class AliyunSignatureTest {
  /** Vector A: DirectMail's published example (doc 29442), also asserted by Logto. */
  private static Map<String, String> vectorA() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("AccessKeyId", "testid");
    p.put("AccountName", "<a%b'>");
    p.put("Action", "SingleSendMail");
    p.put("AddressType", "1");
    p.put("Format", "XML");
    p.put("HtmlBody", "4");
    p.put("RegionId", "cn-hangzhou");
    p.put("ReplyToAddress", "true");
    p.put("SignatureMethod", "HMAC-SHA1");
    p.put("SignatureNonce", "c1b2c332-4cfb-4a0f-b8cc-ebe622aa0a5c");
    p.put("SignatureVersion", "1.0");
    p.put("Subject", "3");
    p.put("TagName", "2");
    p.put("Timestamp", "2016-10-20T06:27:56Z");
    p.put("ToAddress", "1@test.com");
    p.put("Version", "2015-11-23");
    return p;
  }

  @Test
  void vectorAHasThePublishedCanonicalizedQueryString() {
    assertEquals(
        "AccessKeyId=testid&AccountName=%3Ca%25b%27%3E&Action=SingleSendMail&AddressType=1"
            + "&Format=XML&HtmlBody=4&RegionId=cn-hangzhou&ReplyToAddress=true"
            + "&SignatureMethod=HMAC-SHA1&SignatureNonce=c1b2c332-4cfb-4a0f-b8cc-ebe622aa0a5c"
            + "&SignatureVersion=1.0&Subject=3&TagName=2&Timestamp=2016-10-20T06%3A27%3A56Z"
            + "&ToAddress=1%40test.com&Version=2015-11-23",
        AliyunSignature.canonicalizedQuery(vectorA()));
  }

  @Test
  void vectorAHasThePublishedStringToSign() {
    assertEquals(
        "POST&%2F&AccessKeyId%3Dtestid%26AccountName%3D%253Ca%2525b%2527%253E"
            + "%26Action%3DSingleSendMail%26AddressType%3D1%26Format%3DXML%26HtmlBody%3D4"
            + "%26RegionId%3Dcn-hangzhou%26ReplyToAddress%3Dtrue%26SignatureMethod%3DHMAC-SHA1"
            + "%26SignatureNonce%3Dc1b2c332-4cfb-4a0f-b8cc-ebe622aa0a5c%26SignatureVersion%3D1.0"
            + "%26Subject%3D3%26TagName%3D2%26Timestamp%3D2016-10-20T06%253A27%253A56Z"
            + "%26ToAddress%3D1%2540test.com%26Version%3D2015-11-23",
        AliyunSignature.stringToSign("POST", vectorA()));
  }

  @Test
  void vectorAPostSignature() {
    assertEquals(
        "llJfXJjBW3OacrVgxxsITgYaYm0=", AliyunSignature.sign("POST", vectorA(), "testsecret"));
  }

  @Test
  void vectorAGetSignature() {
    assertEquals(
        "xviVKkGNJBEG2sDODpEU9KpUfhE=", AliyunSignature.sign("GET", vectorA(), "testsecret"));
  }

  @Test
  void vectorASignatureIgnoresAnExistingSignatureParameter() {
    Map<String, String> signed = vectorA();
    signed.put("Signature", "anything");
    assertEquals(
        "llJfXJjBW3OacrVgxxsITgYaYm0=", AliyunSignature.sign("POST", signed, "testsecret"));
  }

  private static Map<String, String> vectorB(String timestampName) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(timestampName, "2016-02-23T12:46:24Z");
    p.put("Format", "XML");
    p.put("AccessKeyId", "testid");
    p.put("Action", "DescribeRegions");
    p.put("SignatureMethod", "HMAC-SHA1");
    p.put("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf");
    p.put("Version", "2014-05-26");
    p.put("SignatureVersion", "1.0");
    return p;
  }

  @Test
  void vectorBGenericRpcExample() {
    assertEquals(
        "OLeaidS1JvxuMvnyHOwuJ+uX5qY=",
        AliyunSignature.sign("GET", vectorB("Timestamp"), "testsecret"));
  }

  @Test
  void vectorBMisspelledTimeStampVariant() {
    assertEquals(
        "CT9X0VtwR86fNWSnsc6v8YGOjuE=",
        AliyunSignature.sign("GET", vectorB("TimeStamp"), "testsecret"));
  }

  @Test
  void vectorBSignatureIsWireEncodedWithPlusSlashAndEquals() {
    assertEquals(
        "OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D",
        AliyunSignature.percentEncode("OLeaidS1JvxuMvnyHOwuJ+uX5qY="));
  }

  private static Map<String, String> vectorC() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("AccessKeyId", "testid");
    p.put("Action", "DescribeDedicatedHosts");
    p.put("Format", "JSON");
    p.put("RegionId", "cn-beijing");
    p.put("SignatureMethod", "HMAC-SHA1");
    p.put("SignatureNonce", "edb2b34af0af9a6d14deaf7c1a5315eb");
    p.put("SignatureVersion", "1.0");
    p.put("Timestamp", "2023-03-13T08:34:30Z");
    p.put("Version", "2014-05-26");
    return p;
  }

  @Test
  void vectorCGet() {
    assertEquals(
        "9NaGiOspFP5UPcwX8Iwt2YJXXuk=", AliyunSignature.sign("GET", vectorC(), "testsecret"));
  }

  @Test
  void vectorCPost() {
    assertEquals(
        "ZvQ9xGiFnquSJRvj+WE6kdSpTwU=", AliyunSignature.sign("POST", vectorC(), "testsecret"));
  }

  @Test
  void vectorDDarabonbaRpcSignature() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("query", "test");
    p.put("body", "test");
    assertEquals("XlUyV4sXjOuX5FnjUz9IF9tm5rU=", AliyunSignature.sign("GET", p, "secret"));
  }

  @Test
  void vectorDRawHmacSha1WithoutAmpersand() {
    assertEquals(
        "7eV3A584uvdgKVk8Ck8r9ukg1gE=", AliyunSignature.hmacSha1Base64("sk#$!~~~", "abc~!@#"));
  }

  @Test
  void vectorEEncoder() {
    assertEquals(
        "%E4%B8%AD%E6%96%87%20%2B%2A~%2F%3A%21%27%28%29",
        AliyunSignature.percentEncode("中文 +*~/:!'()"));
  }

  @Test
  void canonicalizedQueryLeavesOutNullAndEmptyValues() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("B", "2");
    p.put("A", "1");
    p.put("Empty", "");
    p.put("Null", null);
    assertEquals("A=1&B=2", AliyunSignature.canonicalizedQuery(p));
  }
}
