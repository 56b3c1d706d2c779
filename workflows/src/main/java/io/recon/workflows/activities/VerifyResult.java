package io.recon.workflows.activities;

/**
 * The result of re-reading repaired keys on both sides.
 *
 * @param verified repairs after which both sides agree
 * @param unresolved repairs after which they still differ; the report counts them
 */
public record VerifyResult(long verified, long unresolved) {}
