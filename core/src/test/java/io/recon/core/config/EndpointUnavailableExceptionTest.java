package io.recon.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EndpointUnavailableExceptionTest {

  @Test
  void mongoServerSelectionTimeoutIsReducedToTheSocketsReason() {
    RuntimeException driver =
        new RuntimeException(
            "Timed out while waiting for a server that matches ReadPreferenceServerSelector{"
                + "readPreference=primary}. Client view of cluster state is {type=UNKNOWN,"
                + " servers=[{address=127.0.0.1:1, type=UNKNOWN, state=CONNECTING, exception="
                + "{com.mongodb.MongoSocketOpenException: Exception opening socket}, caused by"
                + " {java.net.ConnectException: Connection refused}}]");
    EndpointUnavailableException e =
        new EndpointUnavailableException("MongoDB", "RECON_MONGO_URI", "mongodb://db:1", driver);
    assertEquals(
        "MongoDB is unreachable at mongodb://db:1 (set by RECON_MONGO_URI): no server answered in"
            + " time (Connection refused)",
        e.getMessage());
  }

  @Test
  void otherCausesKeepTheirFirstLine() {
    EndpointUnavailableException e =
        new EndpointUnavailableException(
            "Temporal",
            "TEMPORAL_ADDRESS",
            "127.0.0.1:1",
            new IllegalStateException(
                "wrapper", new RuntimeException("UNAVAILABLE: io exception\nmore")));
    assertEquals(
        "Temporal is unreachable at 127.0.0.1:1 (set by TEMPORAL_ADDRESS): UNAVAILABLE: io exception",
        e.getMessage());
  }
}
