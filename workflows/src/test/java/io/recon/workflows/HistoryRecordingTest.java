package io.recon.workflows;

import io.recon.workflows.cycle.CycleIds;
import io.recon.workflows.testing.ApprovalScenario;
import io.recon.workflows.testing.CycleScenario;
import io.recon.workflows.testing.FakeCompare;
import io.recon.workflows.testing.FakeStore;
import io.recon.workflows.testing.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link ReplayTest} replays. Run it only when a change to the workflows is
 * meant to break replay, and commit the new files:
 *
 * <pre>mvn -pl workflows test -Dtest=HistoryRecordingTest -Drecon.recordHistories=true</pre>
 */
@EnabledIfSystemProperty(named = "recon.recordHistories", matches = "true")
class HistoryRecordingTest {
  static final Path DIR = Path.of("src/test/resources/histories");

  @Test
  void recordCompleteCycleAndOnePartition() throws Exception {
    var compare = new FakeCompare();
    var store = new FakeStore();
    try (var cluster = new TestCluster(compare, store)) {
      CycleScenario.run(cluster, compare, store);
      Files.createDirectories(DIR);
      write(cluster, CycleScenario.CYCLE_ID, "cycle-full.json");
      write(cluster, CycleIds.partition(CycleScenario.CYCLE_ID, 0), "partition-recheck.json");
    }
  }

  @Test
  void recordCycleWithApproval() throws Exception {
    try (var cluster =
        new TestCluster(new FakeCompare(), new FakeStore(), ApprovalScenario.repair())) {
      ApprovalScenario.run(cluster);
      Files.createDirectories(DIR);
      write(cluster, ApprovalScenario.CYCLE_ID, "cycle-approval.json");
    }
  }

  private static void write(TestCluster cluster, String workflowId, String file) throws Exception {
    String json = cluster.client.fetchHistory(workflowId).toJson(true);
    Files.writeString(DIR.resolve(file), json);
  }
}
