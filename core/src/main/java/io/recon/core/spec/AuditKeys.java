package io.recon.core.spec;

/**
 * How record keys appear in workflow history and the audit: as they are, or as SHA-256 hashes when
 * the keys themselves are sensitive (an e-mail address used as a key, say).
 */
public enum AuditKeys {
  PLAIN,
  HASHED
}
