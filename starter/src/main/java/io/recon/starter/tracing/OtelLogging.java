package io.recon.starter.tracing;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.slf4j.LoggerFactory;

/**
 * Sends what OpenTelemetry logs through {@code java.util.logging} (an export that failed, a
 * collector that cannot be reached) to recon's own logging, so it is one line in the configured
 * format (JSON for collectors) rather than two lines in the JDK's console format.
 */
final class OtelLogging extends Handler {
  // Held so the JDK's log manager, which keeps loggers weakly, keeps this configuration.
  private static final Logger OTEL = Logger.getLogger("io.opentelemetry");

  private static final SimpleFormatter FORMAT = new SimpleFormatter();

  private OtelLogging() {}

  /** Routes OpenTelemetry's loggers to SLF4J; idempotent. */
  static synchronized void install() {
    for (Handler h : OTEL.getHandlers()) {
      if (h instanceof OtelLogging) {
        return;
      }
    }
    OTEL.setUseParentHandlers(false);
    OTEL.addHandler(new OtelLogging());
  }

  @Override
  public void publish(LogRecord record) {
    if (record == null) {
      return;
    }
    org.slf4j.Logger log = LoggerFactory.getLogger(record.getLoggerName());
    String message = FORMAT.formatMessage(record);
    Throwable thrown = record.getThrown();
    // The exception's own text, not its stack: one line, as every recon log line is.
    String text = thrown == null ? message : message + ": " + thrown;
    int level = record.getLevel().intValue();
    if (level >= Level.SEVERE.intValue()) {
      log.error(text);
    } else if (level >= Level.WARNING.intValue()) {
      log.warn(text);
    } else if (level >= Level.INFO.intValue()) {
      log.info(text);
    } else {
      log.debug(text);
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
