package io.recon.core.compare;

import java.util.ArrayList;
import java.util.UUID;

/** Lossless conversion between {@link RecordKey} and its transport form {@link EncodedKey}. */
public final class KeyCodec {
  private KeyCodec() {}

  /** The transport form of {@code key}. */
  public static EncodedKey encode(RecordKey key) {
    return new EncodedKey(key.parts().stream().map(String::valueOf).toList(), key.types());
  }

  /**
   * The key that {@code encoded} was made from.
   *
   * @throws InvalidKeyException if a part does not parse as its type
   */
  public static RecordKey decode(EncodedKey encoded) {
    var parts = new ArrayList<>();
    for (int i = 0; i < encoded.parts().size(); i++) {
      String text = encoded.parts().get(i);
      try {
        parts.add(
            switch (encoded.types().get(i)) {
              case INTEGER -> Long.parseLong(text);
              case TEXT -> text;
              case UUID -> UUID.fromString(text);
              case RAW -> new RawKeyPart(text);
            });
      } catch (IllegalArgumentException e) {
        throw new InvalidKeyException(
            "key part " + i + " is not a " + encoded.types().get(i) + ": " + text);
      }
    }
    return RecordKey.of(parts.toArray());
  }
}
