package io.recon.core.compare;

/**
 * A key part that is not a valid value of the declared key type, kept as JSON text: {@code null}
 * for a target null or absent part, {@code "1"} for the string 1 where integers are declared,
 * {@code {"$oid": ...}} for an ObjectId; a source NULL is the bare word {@code NULL}, so that it
 * never shares a store key with a target null. It identifies an {@code INVALID_KEY} or
 * foreign-typed {@code ORPHAN} discrepancy in the store and shows the value in reports; it is never
 * used to read or write a record.
 *
 * @param json the value as (relaxed Extended) JSON text, or {@code NULL}
 */
public record RawKeyPart(String json) {
  public RawKeyPart {
    if (json == null || json.isEmpty()) {
      throw new IllegalArgumentException("a raw key part needs its JSON text");
    }
  }

  @Override
  public String toString() {
    return json;
  }
}
