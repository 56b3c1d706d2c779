package io.recon.core.spec;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Raw peeks into YAML nodes for cross-checks; they report nothing themselves. */
final class Nodes {
  private Nodes() {}

  /** The value node of {@code key} in a mapping, or null. */
  static Node child(Node mapping, String key) {
    if (mapping instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          return t.getValueNode();
        }
      }
    }
    return null;
  }

  /** The text of scalar {@code key} in a mapping, or null. */
  static String scalar(Node mapping, String key) {
    return child(mapping, key) instanceof ScalarNode s ? s.getValue() : null;
  }

  /** The length of sequence {@code key} in a mapping, or -1. */
  static int sequenceSize(Node mapping, String key) {
    return child(mapping, key) instanceof SequenceNode s ? s.getValue().size() : -1;
  }
}
