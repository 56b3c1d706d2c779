package io.recon.workflows.input;

import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.recon.core.spec.Durations;
import io.recon.core.spec.JobSpec;
import io.recon.core.spec.SpecException;
import io.recon.core.spec.SpecLoader;
import io.recon.core.spec.SpecProblem;
import io.recon.workflows.activities.SpecRef;
import io.recon.workflows.cycle.CycleRequest;
import io.recon.workflows.cycle.Mode;
import io.recon.workflows.failure.FailureType;
import io.temporal.common.converter.RawValue;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the start input of a cycle. A start whose input does not parse fails the workflow at once
 * with a non-retryable {@link FailureType#BAD_REQUEST} naming the field, never a workflow task that
 * the server retries forever.
 *
 * <p>The input is one flat JSON object, {@code {"spec": "customer-profiles", "mode": "full",
 * "initiator": "billing-service"}}, with optional {@code "version"} (a registered version; the
 * latest by default) and {@code "settle"} (a duration such as {@code "30s"}, overriding the
 * spec's). {@code spec} is a registered spec's name, or the spec itself in exactly the YAML file's
 * keys and values, read by the same {@link SpecLoader}. The Java form of {@link CycleRequest} (the
 * spec as Java writes a {@link JobSpec}: upper-case enums, durations as numbers of seconds) is
 * still read, for histories recorded before the flat input, the schedule workflow and
 * continue-as-new; a spec whose {@code settle} is a number is read in that form.
 */
public final class CycleInput {
  private static final int SHOWN = 300;
  private static final Set<String> FLAT_KEYS =
      Set.of("spec", "mode", "initiator", "version", "settle");

  private CycleInput() {}

  /**
   * The request in {@code raw}.
   *
   * @throws ApplicationFailure of type BAD_REQUEST when it is not a valid start input
   */
  public static StartInput parse(RawValue raw) {
    JsonNode node;
    try {
      node = RawJson.read(raw);
    } catch (RawJson.UnreadablePayload e) {
      throw badRequest("the start input " + e.getMessage());
    }
    if (!node.isObject()) {
      throw badRequest(
          "the start input must be a JSON object with \"spec\", \"mode\" and \"initiator\", not "
              + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    JsonNode spec = node.get("spec");
    if (spec != null && spec.isObject() && !javaForm(spec)) {
      return flat(node, inline(spec));
    }
    if (spec != null && spec.isTextual()) {
      return flat(node, null);
    }
    if (spec != null && !spec.isObject() && !spec.isNull()) {
      throw badRequest(
          "the start input's field 'spec': must be a registered spec's name or the spec itself"
              + " (an object), not "
              + spec.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    return StartInput.ready(java(node));
  }

  /** The Java form writes every duration as a number of seconds; the YAML form never does. */
  private static boolean javaForm(JsonNode spec) {
    JsonNode settle = spec.get("settle");
    return settle != null && settle.isNumber();
  }

  /** The flat input: {@code inline} is the decoded inline spec, or null for a spec name. */
  private static StartInput flat(JsonNode node, JobSpec inline) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FLAT_KEYS.contains(name)) {
        throw badRequest(
            "the start input has an unknown field '"
                + Texts.shown(name, 60)
                + "'; it takes spec, mode, initiator, version and settle");
      }
    }
    Mode mode = mode(node.get("mode"));
    String initiator = text(node.get("initiator"), "initiator");
    if (initiator == null || initiator.isBlank()) {
      throw badRequest("the start input's field 'initiator': is required (who starts the cycle)");
    }
    Duration settle = settle(node.get("settle"));
    Integer version = version(node.get("version"));
    if (inline != null) {
      if (version != null) {
        throw badRequest(
            "the start input's field 'version': applies only to a spec given by name, not inline");
      }
      return StartInput.ready(
          new CycleRequest(StartInput.settled(inline, settle), mode, initiator, null, null));
    }
    String name = node.get("spec").asText();
    if (!JobSpec.NAME.matcher(name).matches()) {
      throw badRequest(
          "the start input's field 'spec': '"
              + Texts.shown(name, 60)
              + "' is not a spec name ([a-z0-9-]+)");
    }
    return new StartInput(null, new SpecRef(name, version), mode, initiator, settle);
  }

  /** An inline spec, read as the YAML file would be: the same keys, values and checks. */
  private static JobSpec inline(JsonNode spec) {
    try {
      String text =
          RawJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(withoutNulls(spec));
      return SpecLoader.parse(text, "spec");
    } catch (SpecException e) {
      List<SpecProblem> problems = e.problems();
      SpecProblem first = problems.get(0);
      String where = first.key().isEmpty() ? "spec" : "spec." + first.key();
      String more = problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "";
      throw badRequest(
          "the start input's field '" + where + "': " + Texts.shown(first.message(), SHOWN) + more);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw badRequest("the start input's spec cannot be written back as text");
    }
  }

  /** A null member means absent, as an omitted YAML key does. */
  private static JsonNode withoutNulls(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = RawJson.MAPPER.createObjectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isNull()) {
          copy.set(e.getKey(), withoutNulls(e.getValue()));
        }
      }
      return copy;
    }
    if (node.isArray()) {
      var copy = RawJson.MAPPER.createArrayNode();
      node.forEach(e -> copy.add(withoutNulls(e)));
      return copy;
    }
    return node;
  }

  private static Mode mode(JsonNode node) {
    String text = text(node, "mode");
    if (text == null) {
      return Mode.FULL;
    }
    try {
      return Mode.parse(text);
    } catch (IllegalArgumentException e) {
      throw badRequest("the start input's field 'mode': " + Texts.shown(e.getMessage(), SHOWN));
    }
  }

  private static Duration settle(JsonNode node) {
    String text = text(node, "settle");
    try {
      return text == null ? null : Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw badRequest("the start input's field 'settle': " + Texts.shown(e.getMessage(), SHOWN));
    }
  }

  private static Integer version(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
      throw badRequest(
          "the start input's field 'version': must be a whole number >= 1, not "
              + Texts.shown(node.toString(), 60));
    }
    return node.asInt();
  }

  /** A text member, null when absent or null. */
  private static String text(JsonNode node, String field) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw badRequest(
          "the start input's field '"
              + field
              + "': must be text, not "
              + node.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    return node.asText();
  }

  /** The Java form of {@link CycleRequest}, bound as the SDK's converter would bind it. */
  private static CycleRequest java(JsonNode node) {
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
