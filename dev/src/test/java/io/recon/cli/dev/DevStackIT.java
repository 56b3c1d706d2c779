package io.recon.cli.dev;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClients;
import io.recon.core.config.ReconConfig;
import io.recon.embedded.PortInUseException;
import io.recon.embedded.Ports;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevStackIT {

  @Test
  void devStackStartsAllThreeEnginesAndAWorkerReachableAtThePrintedEndpoints(@TempDir Path home)
      throws Exception {
    DevStack.Layout layout = new DevStack.Layout(Ports.free(), Ports.free(), Ports.free(), home);
    try (DevStack stack =
        DevStack.start(ReconConfig.fromEnv(Map.of("RECON_METRICS_PORT", "0")), layout)) {
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      DevCommand.printEndpoints(stack, new PrintStream(printed, true));
      String text = printed.toString();
      ReconConfig c = stack.config();
      assertTrue(text.contains(c.temporalAddress()), text);
      assertTrue(text.contains(c.source().url()), text);
      assertTrue(text.contains(c.mongo().url()), text);

      try (var conn = DriverManager.getConnection(c.source().url(), "postgres", "");
          var rs = conn.createStatement().executeQuery("select count(*) from recon.cycle")) {
        rs.next();
        assertEquals(0, rs.getInt(1));
      }
      try (var mongo = MongoClients.create(c.mongo().url())) {
        assertEquals(
            1.0,
            mongo
                .getDatabase("admin")
                .runCommand(new Document("ping", 1))
                .get("ok", Number.class)
                .doubleValue());
      }
    }
  }

  @Test
  void takenPortIsAClearMessageNamingThePortAndTheVariable(@TempDir Path home) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      DevStack.Layout layout = new DevStack.Layout(port, Ports.free(), Ports.free(), home);
      PortInUseException e =
          assertThrows(
              PortInUseException.class,
              () -> DevStack.start(ReconConfig.fromEnv(Map.of("RECON_METRICS_PORT", "0")), layout));
      assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
      assertTrue(e.getMessage().contains("RECON_DEV_TEMPORAL_PORT"), e.getMessage());
    }
  }
}
