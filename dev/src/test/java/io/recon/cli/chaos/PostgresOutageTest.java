package io.recon.cli.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresOutageTest {

  @Test
  void postmasterOptsIsTheBinaryAndItsQuotedArguments() {
    assertEquals(
        List.of(
            "/tmp/embedded-pg/PG-1/bin/postgres",
            "-D",
            "/tmp/epg 1",
            "-p",
            "5432",
            "-c",
            "timezone=UTC",
            "-c",
            "search_path=\"$user\""),
        PostgresOutage.parse(
            "/tmp/embedded-pg/PG-1/bin/postgres \"-D\" \"/tmp/epg 1\" \"-p\" \"5432\" \"-c\""
                + " \"timezone=UTC\" \"-c\" \"search_path=\\\"$user\\\"\"\n"));
  }
}
