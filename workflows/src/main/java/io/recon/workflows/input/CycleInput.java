package io.recon.workflows.input;

import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.recon.workflows.cycle.CycleRequest;
import io.recon.workflows.failure.FailureType;
import io.temporal.common.converter.RawValue;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * Reads the start input of a cycle. A start whose input does not parse fails the workflow at once
 * with a non-retryable {@link FailureType#BAD_REQUEST} naming the field, never a workflow task that
 * the server retries forever.
 */
public final class CycleInput {
  private static final int SHOWN = 300;

  private CycleInput() {}

  /**
   * The request in {@code raw}.
   *
   * @throws ApplicationFailure of type BAD_REQUEST when it is not a valid {@link CycleRequest}
   */
  public static CycleRequest parse(RawValue raw) {
    JsonNode node;
    try {
      node = RawJson.read(raw);
    } catch (RawJson.UnreadablePayload e) {
      throw badRequest("the start input " + e.getMessage());
    }
    if (!node.isObject()) {
      throw badRequest(
          "the start input must be a JSON object with \"spec\", \"mode\" and \"initiator\", not "
              + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    try {
      CycleRequest request = RawJson.MAPPER.treeToValue(node, CycleRequest.class);
      if (request == null) {
        throw badRequest("the start input is empty");
      }
      return request;
    } catch (DatabindException e) {
      throw badRequest("the start input's " + describe(e));
    } catch (IllegalArgumentException e) {
      throw badRequest("the start input is invalid: " + Texts.shown(e.getMessage(), SHOWN));
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw badRequest("the start input does not parse: " + Texts.shown(e.getMessage(), SHOWN));
    }
  }

  /** "field 'spec.fields[2].type': why", with the validation's own message when it has one. */
  private static String describe(DatabindException e) {
    String path = e instanceof JsonMappingException m ? path(m.getPath()) : "";
    Throwable cause = e.getCause();
    String why =
        cause instanceof IllegalArgumentException && cause.getMessage() != null
            ? cause.getMessage()
            : firstLine(e.getOriginalMessage());
    return (path.isEmpty() ? "value" : "field '" + path + "'") + ": " + Texts.shown(why, SHOWN);
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference r : references) {
      if (r.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        path.append('[').append(r.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "does not parse";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    // Class names mean nothing to a client in another language; the simple name is enough.
    return line.replaceAll("`(?:[a-z_$][\\w$]*\\.)+([\\w$]+)`", "$1").strip();
  }

  private static ApplicationFailure badRequest(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FailureType.BAD_REQUEST.name());
  }
}
