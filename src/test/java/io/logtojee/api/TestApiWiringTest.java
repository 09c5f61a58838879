package io.logtojee.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@link TestApi} true to the composition root: both register the same components, in the
 * same order, with the same Jersey properties, so the in-memory tests run the API as deployed.
 */
class TestApiWiringTest {

  private static final Pattern REGISTERED =
      Pattern.compile("api\\.register\\(\\s*(?:new\\s+)?([A-Z][A-Za-z0-9]*)");
  private static final Pattern PROPERTY = Pattern.compile("api\\.property\\(([^;]*)\\);");

  private static String source(String path) throws IOException {
    return Files.readString(Path.of(path));
  }

  private static List<String> all(Pattern pattern, String source) {
    List<String> found = new ArrayList<>();
    Matcher matcher = pattern.matcher(source);
    while (matcher.find()) {
      found.add(matcher.group(1).replaceAll("\\s+", " "));
    }
    return found;
  }

  @Test
  void testApiRegistersTheComponentsAndPropertiesOfApplicationInItsOrder() throws IOException {
    String application = source("src/main/java/io/logtojee/app/Application.java");
    String testApi = source("src/test/java/io/logtojee/api/TestApi.java");

    List<String> deployed = all(REGISTERED, application);
    assertTrue(deployed.size() >= 15, "the pattern still finds the registrations: " + deployed);
    assertEquals(deployed, all(REGISTERED, testApi));
    assertEquals(all(PROPERTY, application), all(PROPERTY, testApi));
  }
}
