package io.recon.activities.repair;

import java.util.List;
import java.util.function.Consumer;

/**
 * Observation points of a repair pass, for tests: {@code writesSent} receives the key texts of each
 * bulk write before it is sent; {@code afterBulkWrite} runs after the bulk write and before its
 * outcome is recorded, where a crash is the hardest to recover from.
 */
record RepairHooks(Consumer<List<String>> writesSent, Runnable afterBulkWrite) {
  static final RepairHooks NONE = new RepairHooks(k -> {}, () -> {});
}
