package io.recon.workflows.cycle;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The discrepancies of a cycle held for a decision: the first {@link #LIMIT} by id, and how many
 * there are in all. Each item's {@code id} is what {@code decide}, the {@code approve} and {@code
 * reject} signals and {@code recon approve --ids} take. The workflow holds only what an activity
 * read from the store when the cycle routed and after each decision, so its size is bounded and its
 * values are already cut for display.
 *
 * @param total every discrepancy of the cycle still pending approval, listed or not
 * @param items the first {@link #LIMIT} of them, by id
 */
@JsonPropertyOrder({"total", "items"})
public record PendingItems(long total, List<PendingItem> items) {
  /** The most items a status lists. */
  public static final int LIMIT = 100;

  public static final PendingItems NONE = new PendingItems(0, List.of());

  public PendingItems {
    items = items == null ? List.of() : List.copyOf(items);
    if (items.size() > LIMIT) {
      items = items.subList(0, LIMIT);
    }
    if (total < items.size()) {
      throw new IllegalArgumentException(
          "PendingItems.total " + total + " is less than its " + items.size() + " items");
    }
  }
}
