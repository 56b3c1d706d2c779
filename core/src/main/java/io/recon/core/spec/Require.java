package io.recon.core.spec;

import java.util.List;

/** Fail-fast checks for the compact constructors; every message names the offending field. */
final class Require {
  private Require() {}

  static String nonBlank(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required and must not be blank");
    }
    return value;
  }

  static <T> T nonNull(T value, String field) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  static <T> List<T> nonEmpty(List<T> value, String field) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(field + " must list at least one entry");
    }
    return List.copyOf(value);
  }

  static void check(boolean condition, String field, String message) {
    if (!condition) {
      throw new IllegalArgumentException(field + " " + message);
    }
  }
}
