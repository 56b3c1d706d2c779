package io.recon.activities.repair;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.recon.activities.support.StoreJson;
import io.recon.core.spec.AuditKeys;
import io.recon.core.spec.JobSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small JSON details for audit events; a key appears only as the spec's auditKeys allows. */
final class AuditDetails {
  /** Ids listed in one event at most; the count is always exact. */
  static final int MAX_IDS = 100;

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private AuditDetails() {}

  /** A mutable detail map, in insertion order. */
  static Map<String, Object> map() {
    return new LinkedHashMap<>();
  }

  /** Adds the key: its JSON when PLAIN, its hash when HASHED. */
  static Map<String, Object> key(
      Map<String, Object> m, AuditKeys mode, String keyJson, String keyHash) {
    if (mode == AuditKeys.HASHED) {
      m.put("keyHash", keyHash);
    } else {
      try {
        m.put("key", MAPPER.readTree(keyJson));
      } catch (Exception e) {
        m.put("key", keyJson);
      }
    }
    return m;
  }

  static Map<String, Object> key(Map<String, Object> m, JobSpec spec, String keyJson, String kh) {
    return key(m, spec.auditKeys(), keyJson, kh);
  }

  /** Adds the count and up to {@link #MAX_IDS} ids, flagging a truncated list. */
  static Map<String, Object> ids(Map<String, Object> m, List<?> ids) {
    m.put("count", ids.size());
    m.put("ids", ids.size() > MAX_IDS ? ids.subList(0, MAX_IDS) : ids);
    if (ids.size() > MAX_IDS) {
      m.put("idsTruncated", true);
    }
    return m;
  }

  static String json(Map<String, Object> m) {
    return StoreJson.write(m);
  }
}
