package io.recon.workflows.failure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.Test;

class FailureReasonTest {
  @Test
  void readsTypeAndMessageThroughTheActivityWrapper() {
    var cause =
        ApplicationFailure.newNonRetryableFailure("column 'x' does not exist", "MISSING_COLUMN");
    var wrapped =
        new ActivityFailure(
            "Activity task failed",
            5,
            6,
            "CompareRange",
            "1",
            RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE,
            "id",
            cause);

    FailureReason reason = FailureReason.of(wrapped);

    assertEquals(new FailureReason("MISSING_COLUMN", "column 'x' does not exist"), reason);
    assertTrue(reason.permanent());
  }

  @Test
  void failureWithoutApplicationCauseIsNamedByItsClass() {
    FailureReason reason = FailureReason.of(new IllegalStateException("boom"));

    assertEquals(new FailureReason("IllegalStateException", "boom"), reason);
    assertFalse(reason.permanent());
  }
}
