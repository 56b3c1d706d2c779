package io.recon.workflows.input;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.common.converter.RawValue;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a raw payload as JSON, the way the SDK's own converter would, but reports what is wrong
 * instead of dropping the payload. Deterministic and free of I/O: safe in workflow code.
 */
public final class RawJson {
  /** The mapper the SDK's JSON converter uses, so that decoding here binds records identically. */
  public static final ObjectMapper MAPPER = JacksonJsonPayloadConverter.newDefaultObjectMapper();

  private static final String ENCODING = "encoding";
  private static final int SHOWN = 120;

  private RawJson() {}

  /** A payload that cannot be read as JSON; its message says why, in one line. */
  public static final class UnreadablePayload extends Exception {
    UnreadablePayload(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The payload's JSON value: {@link NullNode} for an absent payload or a {@code binary/null} one.
   *
   * @throws UnreadablePayload when the payload is not JSON, or its text does not parse
   */
  public static JsonNode read(RawValue raw) throws UnreadablePayload {
    if (raw == null || raw.getPayload() == null) {
      return NullNode.getInstance();
    }
    Payload payload = raw.getPayload();
    ByteString encodingBytes = payload.getMetadataOrDefault(ENCODING, null);
    String encoding = encodingBytes == null ? "none" : encodingBytes.toStringUtf8();
    if (encoding.equals("binary/null")) {
      return NullNode.getInstance();
    }
    if (!encoding.equals("json/plain")) {
      throw new UnreadablePayload(
          "payload is not JSON (encoding " + Texts.shown(encoding, SHOWN) + ")");
    }
    byte[] data = payload.getData().toByteArray();
    try {
      JsonNode node = MAPPER.readTree(data);
      return node == null ? NullNode.getInstance() : node;
    } catch (JacksonException e) {
      throw new UnreadablePayload(
          "payload is not valid JSON ("
              + Texts.shown(e.getOriginalMessage(), SHOWN)
              + "): "
              + Texts.shown(new String(data, StandardCharsets.UTF_8), SHOWN));
    } catch (java.io.IOException e) {
      throw new UnreadablePayload("payload is not valid JSON: " + e.getClass().getSimpleName());
    }
  }
}
