package io.recon.core.compare;

import java.util.UUID;

/** The type of one key part; it fixes both the Java class of the part and its sort order. */
public enum KeyType {
  /** A {@link Long}, ordered numerically. */
  INTEGER,
  /** A {@link String}, ordered by Unicode code point (PostgreSQL {@code COLLATE "C"}). */
  TEXT,
  /** A {@link UUID}, ordered as unsigned 16 bytes (PostgreSQL uuid order). */
  UUID,
  /**
   * A {@link RawKeyPart}: a value that is no valid part of the declared key type (NULL, a string
   * where integers are declared, ...), kept as its JSON text so the report can show it. Never a
   * declared key type; only {@code INVALID_KEY} and foreign-typed {@code ORPHAN} discrepancies
   * carry it, and no read or write is ever made with it.
   */
  RAW;

  /** The type of an already normalized part: a Long, String or UUID. */
  public static KeyType of(Object part) {
    if (part instanceof Long) {
      return INTEGER;
    }
    if (part instanceof String) {
      return TEXT;
    }
    if (part instanceof java.util.UUID) {
      return UUID;
    }
    if (part instanceof RawKeyPart) {
      return RAW;
    }
    throw new IllegalArgumentException(
        "a key part must be a Long, String or UUID, not " + KeyParts.describe(part));
  }
}
