package io.recon.core.spec;

import java.util.List;

/**
 * The MongoDB copy.
 *
 * @param key top-level fields or dotted paths, in the same order as {@link SourceSpec#key()}
 */
public record TargetSpec(String database, String collection, List<String> key) {
  public TargetSpec {
    Require.nonBlank(database, "target.database");
    Require.nonBlank(collection, "target.collection");
    key = Require.nonEmpty(key, "target.key");
    key.forEach(k -> Require.nonBlank(k, "target.key[]"));
  }
}
