package io.recon.worker.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The body of a codec server request and response: the protobuf JSON form of Temporal's {@code
 * Payloads}, {@code {"payloads":[{"metadata":{"encoding":"<base64>"},"data":"<base64>"}]}}.
 * Messages about a bad body name the place (a field, a line and column), never its content.
 */
final class PayloadsJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PayloadsJson() {}

  /** A request body that cannot be read as payloads; the message is one line. */
  static final class BadBody extends Exception {
    BadBody(String message) {
      super(message, null, false, false);
    }
  }

  static List<Payload> read(byte[] body) throws BadBody {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw new BadBody(
          "request body is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (IOException e) {
      throw new BadBody("request body could not be read");
    }
    if (root == null || !root.isObject() || !root.path("payloads").isArray()) {
      throw new BadBody(
          "request body must be a JSON object with \"payloads\": an array of"
              + " {\"metadata\": {name: base64}, \"data\": base64}");
    }
    List<Payload> payloads = new ArrayList<>();
    JsonNode array = root.get("payloads");
    for (int i = 0; i < array.size(); i++) {
      payloads.add(payload(array.get(i), "payloads[" + i + "]"));
    }
    return payloads;
  }

  static byte[] write(List<Payload> payloads) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode array = root.putArray("payloads");
    Base64.Encoder base64 = Base64.getEncoder();
    for (Payload payload : payloads) {
      ObjectNode p = array.addObject();
      ObjectNode metadata = p.putObject("metadata");
      for (Map.Entry<String, ByteString> m : payload.getMetadataMap().entrySet()) {
        metadata.put(m.getKey(), base64.encodeToString(m.getValue().toByteArray()));
      }
      p.put("data", base64.encodeToString(payload.getData().toByteArray()));
    }
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of strings always serializes", e);
    }
  }

  private static Payload payload(JsonNode node, String where) throws BadBody {
    if (!node.isObject()) {
      throw new BadBody(where + " must be an object");
    }
    Payload.Builder payload = Payload.newBuilder();
    JsonNode metadata = node.path("metadata");
    if (!metadata.isMissingNode() && !metadata.isNull()) {
      if (!metadata.isObject()) {
        throw new BadBody(where + ".metadata must be an object of base64 strings");
      }
      Iterator<Map.Entry<String, JsonNode>> fields = metadata.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String name = where + ".metadata." + printable(field.getKey());
        payload.putMetadata(field.getKey(), ByteString.copyFrom(base64(field.getValue(), name)));
      }
    }
    JsonNode data = node.path("data");
    if (!data.isMissingNode() && !data.isNull()) {
      payload.setData(ByteString.copyFrom(base64(data, where + ".data")));
    }
    return payload.build();
  }

  // A field name as a message may show it: one line, cut at 64 characters.
  private static String printable(String name) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < name.length() && i < 64; i++) {
      char c = name.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return name.length() > 64 ? b.append("...").toString() : b.toString();
  }

  // Protobuf's JSON form of bytes is standard base64; its parsers also take the URL-safe alphabet.
  private static byte[] base64(JsonNode value, String where) throws BadBody {
    if (!value.isTextual()) {
      throw new BadBody(where + " must be a base64 string");
    }
    String text = value.asText();
    try {
      return text.indexOf('-') >= 0 || text.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(text)
          : Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new BadBody(where + " is not base64");
    }
  }
}
