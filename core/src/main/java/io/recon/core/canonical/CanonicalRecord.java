package io.recon.core.canonical;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import io.recon.core.compare.RecordKey;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One record's canonical values in spec field order, with its hashes.
 *
 * <p>The record hash (murmur3, 128 bits) covers the type-tagged, length-prefixed encoding of every
 * field in order. It is a fast path only: equal hashes mean equal records, but differing hashes are
 * decided by {@link RecordComparator}, which knows tolerances and mixed precisions.
 */
public final class CanonicalRecord {
  private static final HashFunction MURMUR = Hashing.murmur3_128();

  private final RecordKey key;
  private final List<CanonicalValue> values;
  private final String hashHex;
  // Computed on first use: the comparison never needs them, so the hot path does not pay for them.
  private List<String> fieldHashes;

  /** Computes the hashes of {@code values}. */
  public CanonicalRecord(RecordKey key, List<CanonicalValue> values) {
    if (key == null) {
      throw new IllegalArgumentException("key is required");
    }
    this.key = key;
    this.values = List.copyOf(values);
    var record = new CanonicalEncoder().block(ByteBuffer.allocate(4).putInt(values.size()).array());
    for (CanonicalValue v : this.values) {
      record.block(encoded(v));
    }
    this.hashHex = MURMUR.hashBytes(record.toByteArray()).toString();
  }

  public RecordKey key() {
    return key;
  }

  /** The canonical values, in spec field order. */
  public List<CanonicalValue> values() {
    return values;
  }

  /** The 128-bit record hash as 32 lower-case hex characters. */
  public String hashHex() {
    return hashHex;
  }

  /** A 64-bit hash per field as 16 hex characters each, in spec field order. */
  public synchronized List<String> fieldHashes() {
    if (fieldHashes == null) {
      var perField = new ArrayList<String>(values.size());
      HexFormat hex = HexFormat.of();
      for (CanonicalValue v : values) {
        perField.add(hex.formatHex(MURMUR.hashBytes(encoded(v)).asBytes(), 0, 8));
      }
      fieldHashes = List.copyOf(perField);
    }
    return fieldHashes;
  }

  private static byte[] encoded(CanonicalValue v) {
    return new CanonicalEncoder().value(v).toByteArray();
  }

  @Override
  public String toString() {
    return key + " " + hashHex;
  }
}
