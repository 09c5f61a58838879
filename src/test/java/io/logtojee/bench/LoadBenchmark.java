package io.logtojee.bench;

import org.junit.jupiter.api.Test;

/**
 * The full benchmark, which only {@code mvn -Pbench verify} runs (its name matches neither
 * Surefire's nor Failsafe's default patterns). It asserts nothing about the figures: the table and
 * {@code target/bench/results.json} say which targets were met.
 */
class LoadBenchmark {

  @Test
  void runTheBenchmark() throws Exception {
    new BenchHarness(BenchHarness.Settings.fullRun()).run();
  }
}
