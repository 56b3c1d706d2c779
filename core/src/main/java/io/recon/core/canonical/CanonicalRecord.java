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
  private final List<String> fieldHashes;
  private final String hashHex;

  /** Computes the hashes of {@code values}. */
  public CanonicalRecord(RecordKey key, List<CanonicalValue> values) {
    if (key == null) {
      throw new IllegalArgumentException("key is required");
    }
    this.key = key;
    this.values = List.copyOf(values);
    var record = new CanonicalEncoder().block(ByteBuffer.allocate(4).putInt(values.size()).array());
    var perField = new ArrayList<String>(values.size());
    for (CanonicalValue v : this.values) {
      byte[] encoded = new CanonicalEncoder().value(v).toByteArray();
      record.block(encoded);
      perField.add(HexFormat.of().formatHex(MURMUR.hashBytes(encoded).asBytes(), 0, 8));
    }
    this.fieldHashes = List.copyOf(perField);
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
  public List<String> fieldHashes() {
    return fieldHashes;
  }

  @Override
  public String toString() {
    return key + " " + hashHex;
  }
}
