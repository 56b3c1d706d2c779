package io.recon.starter.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the files under {@code deploy/} from the repository that holds the working directory. */
final class DeployFiles {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  private DeployFiles() {}

  /** The nearest directory, from the working directory up, that has {@code deploy/}. */
  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("deploy")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("no directory with deploy/ above " + dir);
  }

  /** Every document of a YAML file; most hold one. */
  static List<JsonNode> yamlDocuments(Path file) {
    try (JsonParser parser = new YAMLFactory().createParser(file.toFile())) {
      List<JsonNode> docs = new ArrayList<>();
      YAML.readValues(parser, JsonNode.class).forEachRemaining(d -> docs.add(d));
      docs.removeIf(d -> d == null || d.isNull() || d.isMissingNode());
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }

  /** The one document of a YAML file. */
  static JsonNode yaml(Path file) {
    List<JsonNode> docs = yamlDocuments(file);
    if (docs.size() != 1) {
      throw new IllegalStateException(file + " holds " + docs.size() + " documents, not 1");
    }
    return docs.get(0);
  }

  static JsonNode json(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse " + file, e);
    }
  }

  static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
