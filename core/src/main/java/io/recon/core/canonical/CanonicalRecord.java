package io.recon.core.canonical;

import io.recon.core.compare.RecordKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * One record's canonical values in spec field order, with its hashes.
 *
 * <p>The record hash (murmur3, 128 bits) covers the type-tagged, length-prefixed encoding of every
 * field in order. It is a fast path only: equal hashes mean equal records, but differing hashes are
 * decided by {@link RecordComparator}, which knows tolerances and mixed precisions.
 */
public final class CanonicalRecord {
  // A reader's thread encodes every record into the same buffer: the hash input of a record is
  // built and hashed without an allocation per value (it is the readers' hot path).
  private static final ThreadLocal<CanonicalEncoder> ENCODER =
      ThreadLocal.withInitial(() -> new CanonicalEncoder(512));

  private final RecordKey key;
  // The values as the canonicalizer built them; their list view is made on first use (the
  // comparison of records with equal hashes never asks for it, so the hot path does not pay for
  // it).
  private final CanonicalValue[] values;
  private List<CanonicalValue> valueList;
  // The record hash's two halves; its hex is built only when asked for (a discrepancy, a repair):
  // the comparison of a record with its counterpart compares the halves (sameHash).
  private final long hash1;
  private final long hash2;
  private String hashHex;
  // Computed on first use: the comparison never needs them, so the hot path does not pay for them.
  private List<String> fieldHashes;

  /** Computes the hashes of {@code values}. */
  public CanonicalRecord(RecordKey key, List<CanonicalValue> values) {
    if (key == null) {
      throw new IllegalArgumentException("key is required");
    }
    this.key = key;
    List<CanonicalValue> copy = List.copyOf(values);
    this.values = copy.toArray(new CanonicalValue[0]);
    this.valueList = copy;
    long[] h = hash(this.values, ENCODER.get());
    this.hash1 = h[0];
    this.hash2 = h[1];
  }

  /**
   * Takes {@code values} as they are, without copying: only {@link RecordCanonicalizer} calls it,
   * with an array it built for this record and never touches again, and the calling thread's hash
   * buffer ({@code encoder}; null for the thread-local one).
   */
  CanonicalRecord(RecordKey key, CanonicalValue[] values, CanonicalEncoder encoder) {
    if (key == null) {
      throw new IllegalArgumentException("key is required");
    }
    this.key = key;
    this.values = values;
    long[] h = hash(values, encoder != null ? encoder : ENCODER.get());
    this.hash1 = h[0];
    this.hash2 = h[1];
  }

  // The framing: the field count as a 4-byte block, then each value's encoding as a block.
  private static long[] hash(CanonicalValue[] values, CanonicalEncoder encoder) {
    CanonicalEncoder record = encoder.reset();
    record.writeInt(4).writeInt(values.length);
    for (CanonicalValue v : values) {
      record.framedValue(v);
    }
    return Murmur3.hash(record.buffer(), record.length());
  }

  public RecordKey key() {
    return key;
  }

  /** The canonical values, in spec field order. */
  public List<CanonicalValue> values() {
    List<CanonicalValue> list = valueList;
    if (list == null) {
      // A race makes two equal views of the same final array: harmless.
      list = Collections.unmodifiableList(Arrays.asList(values));
      valueList = list;
    }
    return list;
  }

  /** The 128-bit record hash as 32 lower-case hex characters. */
  public String hashHex() {
    String hex = hashHex;
    if (hex == null) {
      // A benign race: every thread computes the same immutable string.
      hex = Murmur3.hex128(hash1, hash2);
      hashHex = hex;
    }
    return hex;
  }

  /** Whether {@code other} has the same record hash: {@code hashHex().equals(other.hashHex())}. */
  public boolean sameHash(CanonicalRecord other) {
    return hash1 == other.hash1 && hash2 == other.hash2;
  }

  /** A 64-bit hash per field as 16 hex characters each, in spec field order. */
  public synchronized List<String> fieldHashes() {
    if (fieldHashes == null) {
      var perField = new ArrayList<String>(values.length);
      var encoder = new CanonicalEncoder();
      for (CanonicalValue v : values) {
        encoder.reset().value(v);
        perField.add(Murmur3.hex64(encoder.buffer(), encoder.length()));
      }
      fieldHashes = List.copyOf(perField);
    }
    return fieldHashes;
  }

  @Override
  public String toString() {
    return key + " " + hashHex();
  }
}
