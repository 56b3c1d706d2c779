package io.recon.core.spec;

/**
 * One problem in a spec file, located for an editor.
 *
 * @param line 1-based
 * @param column 1-based
 * @param key the key path, e.g. {@code fields[2].scale}; empty for the whole document
 */
public record SpecProblem(String file, int line, int column, String key, String message) {
  /** {@code FILE:LINE:COL: KEY: MESSAGE}, the form the CLI prints verbatim. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + (key.isEmpty() ? "" : key + ": ") + message;
  }
}
