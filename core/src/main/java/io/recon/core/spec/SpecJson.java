package io.recon.core.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.recon.core.canonical.Digests;
import java.time.Duration;

/** The canonical JSON form of a spec, used only for its hash. */
final class SpecJson {
  // Durations as ISO-8601 text so that this does not need JavaTimeModule at runtime.
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .addModule(new SimpleModule().addSerializer(Duration.class, ToStringSerializer.instance))
          .build();

  private SpecJson() {}

  static String canonicalSha256(JobSpec spec) {
    try {
      return Digests.sha256Hex(CANONICAL.writeValueAsBytes(spec));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize spec " + spec.name(), e);
    }
  }
}
