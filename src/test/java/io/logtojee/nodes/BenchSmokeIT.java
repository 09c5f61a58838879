package io.logtojee.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logtojee.bench.BenchHarness;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The benchmark of {@code mvn -Pbench verify} in its smoke mode, so that it never rots: every
 * scenario runs for a second on its own Tomcat node. No figure is judged, only that each row
 * measured something and that only B3's bad-signature tokens were refused. Skipped when {@code wrk}
 * is not installed.
 */
class BenchSmokeIT {

  @Test
  void everyScenarioProducesAFigure() throws Exception {
    Assumptions.assumeTrue(
        BenchHarness.wrkInstalled(), "wrk is not installed: apt-get install wrk");
    List<BenchHarness.Row> rows = new BenchHarness(BenchHarness.Settings.smokeRun()).run();
    Map<String, BenchHarness.Row> byId =
        rows.stream().collect(Collectors.toMap(BenchHarness.Row::id, Function.identity()));

    assertEquals(
        List.of(
            "static",
            "B1",
            "signed-out",
            "B2",
            "B2'",
            "B3",
            "B3 JWKS",
            "B4",
            "B4 p99",
            "B5 heap",
            "B5 stored",
            "B6 WAR",
            "B6 deploy",
            "JMH"),
        rows.stream().map(BenchHarness.Row::id).toList());
    for (String id : List.of("static", "B1", "signed-out", "B2", "B2'", "B3", "B4")) {
      BenchHarness.Row row = byId.get(id);
      assertTrue(row.measured() > 0, id + " measured " + row.measured());
      assertTrue(row.requests() > 0, id + " made no request");
      assertEquals(0, row.socketErrors(), id + ": socket errors");
      long expectedNon2xx = id.equals("B3") ? row.requests() : 0;
      assertEquals(expectedNon2xx, row.non2xx(), id + ": non-2xx answers");
    }
    assertTrue(byId.get("JMH").measured() > 0, "JMH measured nothing");
    assertEquals(0, byId.get("B4 p99").non2xx(), "B4 with one connection: non-2xx answers");
    for (String id : List.of("B5 heap", "B5 stored", "B6 WAR", "B6 deploy")) {
      assertTrue(byId.get(id).measured() > 0, id + " measured " + byId.get(id).measured());
    }
    assertTrue(byId.get("B3 JWKS").met(), "B3 cost more JWKS fetches than one per cooldown");
  }
}
