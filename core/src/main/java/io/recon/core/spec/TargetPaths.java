package io.recon.core.spec;

/**
 * The rules a dotted target path must follow to be a MongoDB field path recon can read and write. A
 * repair writing {@code $set: {"a..b": ...}} or {@code {"$x": ...}} is refused by the server on
 * every attempt, so the spec is refused up front instead.
 */
final class TargetPaths {
  private TargetPaths() {}

  /** What is wrong with {@code path}, or null if it is a usable field path. */
  static String problem(String path) {
    if (path.isEmpty()) {
      return "target path is empty";
    }
    for (String segment : path.split("\\.", -1)) {
      if (segment.isEmpty()) {
        return "target path '" + path + "' has an empty segment, which MongoDB refuses";
      }
      if (segment.startsWith("$")) {
        return "target path '"
            + path
            + "' has segment '"
            + segment
            + "' starting with '$', which MongoDB refuses in a field name";
      }
    }
    return null;
  }
}
