package io.recon.activities.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.recon.core.compare.EncodedKey;
import io.recon.core.compare.KeyCodec;
import io.recon.core.compare.RecordKey;

/**
 * The JSON forms the recon store keeps: keys as their {@link EncodedKey}, and display values.
 *
 * <p>The text is always safe for a PostgreSQL {@code text} column and still exact: JSON escapes NUL
 * and the other control characters, and this mapper also escapes every surrogate as {@code \}{@code
 * uXXXX}, because a lone surrogate cannot be encoded as UTF-8 (the driver would store {@code ?} and
 * the key would no longer identify its record). Parsing the text back gives the original string,
 * character for character.
 */
public final class StoreJson {
  private static final ObjectMapper MAPPER = JsonMapper.builder(escapingSurrogates()).build();

  private StoreJson() {}

  /**
   * The canonical text of a key: the JSON of its {@link EncodedKey}, with the record components in
   * declaration order, so equal keys always give equal text (and equal key hashes).
   */
  public static String keyText(RecordKey key) {
    return write(KeyCodec.encode(key));
  }

  /** The key whose {@link #keyText} is {@code text}, or null for null (an open bound). */
  public static RecordKey key(String text) {
    if (text == null) {
      return null;
    }
    try {
      return KeyCodec.decode(MAPPER.readValue(text, EncodedKey.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("not a stored key: " + text, e);
    }
  }

  private static JsonFactory escapingSurrogates() {
    int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();
    JsonFactory factory = new JsonFactory();
    factory.setCharacterEscapes(
        new CharacterEscapes() {
          @Override
          public int[] getEscapeCodesForAscii() {
            return ascii;
          }

          @Override
          public SerializableString getEscapeSequence(int ch) {
            return Character.isSurrogate((char) ch)
                ? new SerializedString(String.format("\\u%04x", ch))
                : null;
          }
        });
    return factory;
  }

  /** Any value as JSON text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON of " + value.getClass(), e);
    }
  }
}
