package io.recon.activities.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoCredential;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import io.recon.workflows.failure.FailureType;
import io.temporal.failure.ApplicationFailure;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailuresTest {
  @ParameterizedTest
  @CsvSource({
    "28P01, UNAUTHORIZED",
    "28000, UNAUTHORIZED",
    "42501, UNAUTHORIZED",
    "42703, MISSING_COLUMN",
    "42P01, BAD_QUERY",
    "42601, BAD_QUERY"
  })
  void permanentSqlStatesAreNonRetryable(String state, FailureType type) {
    RuntimeException e = Failures.classify("reading", new SQLException("boom", state));
    var failure = (ApplicationFailure) e;
    assertTrue(failure.isNonRetryable());
    assertEquals(type.name(), failure.getType());
    assertTrue(failure.getOriginalMessage().startsWith("reading: boom"));
  }

  @ParameterizedTest
  @CsvSource({"08006", "08001", "40001", "40P01", "57P01", "53300"})
  void transientSqlStatesAreRetried(String state) {
    assertNull(Failures.permanentType(new SQLException("boom", state)));
    RuntimeException e = Failures.classify("reading", new SQLException("boom", state));
    assertTrue(!(e instanceof ApplicationFailure));
  }

  @Test
  void looksThroughWrappers() {
    var wrapped = new RuntimeException(new IllegalStateException(new SQLException("x", "42703")));
    assertEquals(FailureType.MISSING_COLUMN, Failures.permanentType(wrapped));
  }

  @Test
  void mongoAuthenticationIsPermanentAndSocketsAndTimeoutsAreTransient() {
    var auth =
        new MongoSecurityException(
            MongoCredential.createCredential("u", "admin", new char[0]), "auth failed");
    assertEquals(FailureType.UNAUTHORIZED, Failures.permanentType(auth));
    assertNull(Failures.permanentType(new MongoSocketReadException("reset", new ServerAddress())));
    var timeout = new MongoTimeoutException("no server");
    assertSame(timeout, Failures.classify("reading", timeout));
  }
}
