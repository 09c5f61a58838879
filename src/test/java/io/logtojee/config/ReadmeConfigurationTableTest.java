package io.logtojee.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps the README's configuration table true: it names exactly the settings the code reads. */
class ReadmeConfigurationTableTest {

  private static final Pattern ROW = Pattern.compile("^\\| `([A-Z0-9_]+)` \\|", Pattern.MULTILINE);

  @Test
  void readmeTableListsExactlyTheSettingsTheApplicationReads() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String section = readme.substring(readme.indexOf("## Configuration reference"));
    section = section.substring(0, section.indexOf("\n## ", 5));
    Set<String> documented = new TreeSet<>();
    Matcher row = ROW.matcher(section);
    while (row.find()) {
      documented.add(row.group(1));
    }
    Set<String> read = new TreeSet<>();
    for (Setting setting : AppSettings.declared()) {
      read.add(setting.value());
    }

    assertEquals(read, documented);
  }
}
