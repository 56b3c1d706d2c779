package io.recon.activities.feed.pg;

import io.recon.core.config.Endpoint;

/**
 * The login a capture streams the source's changes with. It needs the {@code REPLICATION} attribute
 * (see {@code roles.sql}): {@code RECON_REPLICATION_USER} and {@code _PASSWORD} on {@code
 * RECON_SOURCE_URL}, or the source's own login when they are unset.
 *
 * @param url the source's JDBC URL ({@code jdbc:postgresql://host:port/database})
 * @param user null for the driver's default
 * @param password null for none; never printed
 */
public record PgCaptureSettings(String url, String user, String password) {
  public PgCaptureSettings {
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException(
          "the source URL must be a jdbc:postgresql: URL to stream its changes");
    }
  }

  /** The settings of the source endpoint. */
  public static PgCaptureSettings of(Endpoint source) {
    return new PgCaptureSettings(source.url(), source.user(), source.password());
  }

  /**
   * The replication login of {@code config}: {@code RECON_REPLICATION_USER} (and its password) on
   * the source's URL, or the source's login when that is unset.
   */
  public static PgCaptureSettings of(io.recon.core.config.ReconConfig config) {
    Endpoint source = config.source();
    if (!config.isSet(io.recon.core.config.ConfigVar.RECON_REPLICATION_USER.name())) {
      return of(source);
    }
    return new PgCaptureSettings(
        source.url(),
        config.setting(io.recon.core.config.ConfigVar.RECON_REPLICATION_USER).orElseThrow(),
        config.setting(io.recon.core.config.ConfigVar.RECON_REPLICATION_PASSWORD).orElse(null));
  }

  @Override
  public String toString() {
    return "PgCaptureSettings["
        + new Endpoint(url, user, password).redactedUrl()
        + " as "
        + user
        + "]";
  }
}
