package io.recon.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.recon.core.canonical.Displays;

/** The JSON that {@code --json} prints: one compact line, stable field order. */
final class Json {
  static final ObjectMapper MAPPER =
      new ObjectMapper(terminalSafe())
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /**
   * JSON escapes control characters already; this also escapes DEL, the C1 controls, surrogates (a
   * lone one cannot be encoded), line separators and bidi overrides as {@code \}{@code uXXXX}, so
   * the JSON is exact for a program and inert on a terminal.
   */
  private static JsonFactory terminalSafe() {
    int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();
    ascii[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
    JsonFactory factory = new JsonFactory();
    factory.setCharacterEscapes(
        new CharacterEscapes() {
          @Override
          public int[] getEscapeCodesForAscii() {
            return ascii;
          }

          @Override
          public SerializableString getEscapeSequence(int ch) {
            String one = String.valueOf((char) ch);
            return Displays.escape(one).equals(one)
                ? null
                : new SerializedString(String.format("\\u%04x", ch));
          }
        });
    return factory;
  }

  private Json() {}

  /** A JSON object of these name-value pairs, in this order. */
  static String object(Object... namesAndValues) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return write(m);
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON: " + e.getOriginalMessage(), e);
    }
  }
}
