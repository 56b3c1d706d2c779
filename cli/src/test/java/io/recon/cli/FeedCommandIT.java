package io.recon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recon.activities.feed.Capture;
import io.recon.activities.feed.CaptureOrigin;
import io.recon.activities.feed.CaptureResult;
import io.recon.activities.feed.FeedActivitiesImpl;
import io.recon.activities.feed.KeySink;
import io.recon.activities.support.Failures;
import io.recon.core.spec.JobSpec;
import io.recon.workflows.failure.FailureType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code recon feed start|status|stop} as a user runs them, hostile input included. */
class FeedCommandIT {
  private static final String SPEC =
      """
      name: %s
      owner: crm
      approvers: [alice]
      source: { table: public.members, key: [id] }
      target: { database: ${db}, collection: members, key: [_id] }
      fields:
        - { source: email, target: email, type: string }
      feed: { window: 1s }
      """;

  private static final String NO_STREAMS = "the embedded MongoDB-wire server";

  /** A source with no changes; the job named {@code broken} has no replication slot. */
  private static final CaptureOrigin QUIET_SOURCE =
      new CaptureOrigin() {
        @Override
        public String unsupported(JobSpec spec) {
          return null;
        }

        @Override
        public Capture open(JobSpec spec, String cursor) {
          if (spec.name().equals("broken")) {
            throw Failures.permanent(
                FailureType.FEED_UNAVAILABLE,
                "replication slot recon_broken does not exist; create it (docs/operations.md)");
          }
          return new Capture() {
            @Override
            public CaptureResult poll(
                Duration maxWait, int maxKeys, KeySink sink, Runnable heartbeat) {
              Instant deadline = Instant.now().plus(maxWait);
              while (Instant.now().isBefore(deadline)) {
                heartbeat.run();
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  break;
                }
              }
              return new CaptureResult(0, 0, cursor, 0, -1, 0, null);
            }

            @Override
            public void close() {}
          };
        }

        @Override
        public void drop(JobSpec spec) {}
      };

  private static CliFixture fixture() {
    return new CliFixture(
        o ->
            o instanceof FeedActivitiesImpl feed
                ? feed.withCaptures(
                    QUIET_SOURCE, CaptureOrigin.unavailable(NO_STREAMS), latency -> {})
                : o);
  }

  @Test
  void startStatusAndStopAFeedAndRefuseEveryHostileRequest(@TempDir Path dir) throws Exception {
    try (CliFixture f = fixture()) {
      f.sql("create table members (id bigint primary key, email text)");
      Path file = f.write(dir, "members.yaml", SPEC.formatted("members"));

      CliFixture.Run started = f.run("feed", "start", file.toString(), "--by", "alice");
      assertEquals(0, started.exit(), started.err());
      assertTrue(
          started.firstLine().startsWith("started feed members (spec version 1, workflow"),
          started.out());

      CliFixture.Run again = f.run("feed", "start", "members", "--by", "alice");
      assertEquals(1, again.exit(), again.out());
      assertTrue(again.err().contains("feed members is already running"), again.err());

      CliFixture.Run status = awaitRun(f, "RUNNING", "feed", "status", "members");
      assertEquals(0, status.exit(), status.err());
      assertTrue(
          status
              .out()
              .contains(
                  "target: no change streams on this server ("
                      + NO_STREAMS
                      + ");"
                      + " relying on the scheduled full cycle"),
          status.out());
      JsonNode json =
          new ObjectMapper().readTree(f.run("feed", "status", "members", "--json").out());
      assertEquals("RUNNING", json.get("status").asText());
      assertEquals(false, json.get("target").get("supported").asBoolean());
      assertEquals("alice", json.get("startedBy").asText());

      CliFixture.Run stop =
          f.run("feed", "stop", "members", "--by", "bob", "--reason", "maintenance");
      assertEquals(0, stop.exit(), stop.err());
      assertEquals("feed members STOPPED; its slot is kept", stop.firstLine());
      CliFixture.Run stopped = f.run("feed", "status", "members");
      assertEquals(0, stopped.exit(), stopped.err());
      assertTrue(stopped.out().contains("stopped by bob at "), stopped.out());
      assertTrue(stopped.out().contains(": maintenance"), stopped.out());

      CliFixture.Run stopAgain = f.run("feed", "stop", "members", "--by", "bob");
      assertEquals(2, stopAgain.exit(), stopAgain.out());
      assertEquals("recon: feed members is not running (it is STOPPED)", firstErr(stopAgain));

      // Hostile input: each one line on stderr and exit 2, no stack trace.
      assertRefused(f.run("feed", "start", "ghost"), "ghost");
      assertRefused(f.run("feed", "status", "ghost"), "no feed named 'ghost' was ever started");
      assertRefused(f.run("feed", "stop", "ghost", "--by", "x"), "no feed named 'ghost'");
      assertRefused(f.run("feed", "status", "Bad;Name"), "is not a feed name");
      assertRefused(f.run("feed", "stop", "members", "--by", " "), "--by needs a name");
      Path bad = f.write(dir, "bad.yaml", "name: bad\nsource: {}\n");
      assertEquals(2, f.run("feed", "start", bad.toString()).exit());

      // A feed whose slot is missing fails with one line, visible in status (exit 1).
      Path broken = f.write(dir, "broken.yaml", SPEC.formatted("broken"));
      assertEquals(0, f.run("feed", "start", broken.toString(), "--by", "alice").exit());
      CliFixture.Run failed = awaitRun(f, "FAILED", "feed", "status", "broken");
      assertEquals(1, failed.exit(), failed.out());
      assertTrue(
          failed.out().contains("error: FEED_UNAVAILABLE: replication slot recon_broken does not"),
          failed.out());
    }
  }

  private static String firstErr(CliFixture.Run run) {
    return run.err().lines().findFirst().orElse("");
  }

  private static void assertRefused(CliFixture.Run run, String says) {
    assertEquals(2, run.exit(), run.out() + run.err());
    assertTrue(firstErr(run).contains(says), run.err());
    assertTrue(!run.err().contains("\tat "), run.err());
  }

  // Runs the command until its output shows the feed in {@code state}, within two minutes.
  private static CliFixture.Run awaitRun(CliFixture f, String state, String... args)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    Supplier<CliFixture.Run> run = () -> f.run(args);
    CliFixture.Run last = run.get();
    while (!last.firstLine().contains("   " + state + "   ")) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("feed never became " + state + ": " + last.out() + last.err());
      }
      Thread.sleep(250);
      last = run.get();
    }
    return last;
  }
}
