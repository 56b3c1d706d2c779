package io.recon.core.spec;

import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Where the job's owner is told of events that need a human (spec key {@code escalation:}). Secrets
 * never appear here: the HMAC key of a webhook comes from the environment.
 *
 * @param webhook an http(s) URL that receives one JSON message per event, or null
 * @param alertmanager the base URL of an Alertmanager whose v2 API receives the events as alerts,
 *     or null
 */
public record Escalation(String webhook, String alertmanager) {
  static Escalation read(NodeReader r, Node node, String path) {
    Map<String, Node> m = r.mapping(node, path, Set.of("webhook", "alertmanager"), Set.of());
    if (m == null) {
      return null;
    }
    int before = r.problems().size();
    String webhook =
        m.containsKey("webhook") ? r.string(m.get("webhook"), path + ".webhook") : null;
    String alertmanager =
        m.containsKey("alertmanager")
            ? r.string(m.get("alertmanager"), path + ".alertmanager")
            : null;
    if (webhook == null && alertmanager == null && r.problems().size() == before) {
      r.problem(node, path, "name a webhook or an alertmanager");
    }
    return r.problems().size() > before ? null : new Escalation(webhook, alertmanager);
  }
}
