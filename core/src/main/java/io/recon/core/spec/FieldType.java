package io.recon.core.spec;

/** The comparison type of a field; it decides the canonical form both sides are reduced to. */
public enum FieldType {
  STRING,
  INTEGER,
  DECIMAL,
  DOUBLE,
  BOOLEAN,
  TIMESTAMP,
  DATE,
  UUID,
  JSON
}
