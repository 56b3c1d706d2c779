package io.recon.activities.retention;

import io.recon.core.config.ConfigException;
import io.recon.core.config.ConfigVar;
import io.recon.core.config.ReconConfig;
import io.recon.core.spec.Durations;
import io.recon.core.spec.Retention;
import java.time.Duration;

/**
 * The retention windows that apply where a spec sets none: {@code RECON_RETENTION_DISCREPANCIES},
 * {@code RECON_RETENTION_BEFORE_IMAGES} and {@code RECON_RETENTION_AUDIT}, each unset meaning keep
 * forever. They obey the same rules as a spec's windows.
 */
public final class GlobalRetention {
  private GlobalRetention() {}

  /**
   * The global windows in {@code config}.
   *
   * @throws ConfigException naming the variable whose value is not a duration, or the rule broken
   */
  public static Retention from(ReconConfig config) {
    Duration discrepancies = window(config, ConfigVar.RECON_RETENTION_DISCREPANCIES);
    Duration beforeImages = window(config, ConfigVar.RECON_RETENTION_BEFORE_IMAGES);
    Duration audit = window(config, ConfigVar.RECON_RETENTION_AUDIT);
    try {
      return new Retention(discrepancies, beforeImages, audit);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("RECON_RETENTION_*: " + e.getMessage());
    }
  }

  private static Duration window(ReconConfig config, ConfigVar variable) {
    String raw = config.setting(variable).orElse(null);
    if (raw == null) {
      return null;
    }
    try {
      return Durations.parse(raw);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(variable.name() + ": " + e.getMessage());
    }
  }
}
