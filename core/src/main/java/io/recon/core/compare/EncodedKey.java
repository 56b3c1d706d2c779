package io.recon.core.compare;

import java.util.List;

/**
 * A {@link RecordKey} as flat text for workflow payloads and the recon store: one string per part
 * (decimal integer, the text itself, lower-case UUID) and the type of each part.
 */
public record EncodedKey(List<String> parts, List<KeyType> types) {
  public EncodedKey {
    parts = List.copyOf(parts);
    types = List.copyOf(types);
    if (parts.isEmpty() || parts.size() != types.size()) {
      throw new IllegalArgumentException(
          "parts and types must be non-empty and of equal length, got "
              + parts.size()
              + " and "
              + types.size());
    }
  }
}
