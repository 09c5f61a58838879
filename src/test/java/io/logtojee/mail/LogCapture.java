package io.logtojee.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects everything the mail code logs (all levels, with exception messages) while open. */
public final class LogCapture extends Handler implements AutoCloseable {
  private final Logger logger;
  private final Level previousLevel;
  private final List<String> lines = new ArrayList<>();

  private LogCapture(String loggerName) {
    this.logger = Logger.getLogger(loggerName);
    this.previousLevel = logger.getLevel();
    setLevel(Level.ALL);
    logger.setLevel(Level.ALL);
    logger.addHandler(this);
  }

  /** Captures the loggers under {@code loggerName}, a class or package name. */
  public static LogCapture logsOf(String loggerName) {
    return new LogCapture(loggerName);
  }

  /** Captures the loggers under {@code io.logtojee.mail}. */
  public static LogCapture mailLogs() {
    return new LogCapture("io.logtojee.mail");
  }

  @Override
  public synchronized void publish(LogRecord record) {
    StringBuilder line = new StringBuilder(record.getLevel() + " " + record.getMessage());
    for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
      line.append(" | ").append(t);
    }
    lines.add(line.toString());
  }

  /** Every captured line, level first. */
  public synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  /** All captured text in one string, for "contains" checks. */
  public synchronized String text() {
    return String.join("\n", lines);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    logger.removeHandler(this);
    logger.setLevel(previousLevel);
  }
}
