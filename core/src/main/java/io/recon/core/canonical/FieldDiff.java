package io.recon.core.canonical;

import io.recon.core.spec.Severity;

/**
 * One field that differs between a source row and its document.
 *
 * @param targetPath the field's dotted target path
 * @param sourceDisplay the source value for reports, at most 80 characters
 * @param targetDisplay the target value for reports, at most 80 characters
 * @param severity the field's declared severity
 */
public record FieldDiff(
    String targetPath, String sourceDisplay, String targetDisplay, Severity severity) {
  public FieldDiff {
    if (targetPath == null || severity == null) {
      throw new IllegalArgumentException("FieldDiff.targetPath and severity are required");
    }
    sourceDisplay = Displays.shorten(String.valueOf(sourceDisplay));
    targetDisplay = Displays.shorten(String.valueOf(targetDisplay));
  }
}
