package io.recon.core.spec;

/**
 * The outcome of {@link SpecCheck#run} (or of {@code io.recon.starter.SpecFile#check}, which adds
 * the file that cannot be read).
 *
 * @param exitCode 0 when valid, 2 when invalid or unreadable
 * @param report what to print: a one-line summary, or one problem per line
 */
public record SpecCheckResult(int exitCode, String report) {}
