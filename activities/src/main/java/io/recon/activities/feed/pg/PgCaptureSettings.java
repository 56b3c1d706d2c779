package io.recon.activities.feed.pg;

import io.recon.core.config.Endpoint;

/**
 * The login a capture streams the source's changes with. It needs the {@code REPLICATION} attribute
 * (see {@code roles.sql}); recon reuses the source's settings ({@code RECON_SOURCE_URL}, {@code
 * _USER}, {@code _PASSWORD}) for it.
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

  @Override
  public String toString() {
    return "PgCaptureSettings["
        + new Endpoint(url, user, password).redactedUrl()
        + " as "
        + user
        + "]";
  }
}
