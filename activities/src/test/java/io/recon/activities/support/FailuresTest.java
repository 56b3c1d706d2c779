package io.recon.activities.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketReadException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import io.recon.workflows.failure.FailureType;
import io.temporal.client.ActivityCanceledException;
import io.temporal.failure.ApplicationFailure;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
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
  @CsvSource({
    "22012, 'reading: boom (SQLState 22012)'",
    "22P02, 'reading: boom (SQLState 22P02)'",
    "XX000, 'reading: boom (SQLState XX000)'"
  })
  void unknownSqlStatesArePermanentAndSayTheirState(String state, String message) {
    var failure =
        (ApplicationFailure) Failures.classify("reading", new SQLException("boom", state));
    assertTrue(failure.isNonRetryable());
    assertEquals("UNEXPECTED", failure.getType());
    assertEquals(
        "reading: SQLException: " + message.substring("reading: ".length()),
        failure.getOriginalMessage());
  }

  @Test
  void aWriteRefusedByTheReadOnlySourceIsABadQuery() {
    var e = new SQLException("cannot execute DELETE in a read-only transaction", "25006");
    assertEquals(FailureType.BAD_QUERY, Failures.permanentType(e));
  }

  @Test
  void anExceptionNobodyForesawIsPermanentAndNamedOnOneLine() {
    var failure =
        (ApplicationFailure)
            Failures.classify(
                "comparing range 3", new IllegalStateException("key 7\n  out of order"));
    assertTrue(failure.isNonRetryable());
    assertEquals("UNEXPECTED", failure.getType());
    assertEquals(
        "comparing range 3: IllegalStateException: key 7; out of order",
        failure.getOriginalMessage());
    var overflow = (ApplicationFailure) Failures.classify("verify", new StackOverflowError());
    assertEquals("verify: StackOverflowError", overflow.getOriginalMessage());
  }

  @Test
  void aParseErrorIsNotMistakenForANetworkFailure() {
    var parse = new com.fasterxml.jackson.core.JsonParseException(null, "Unexpected character");
    assertTrue(((ApplicationFailure) Failures.classify("reading a key", parse)).isNonRetryable());
  }

  @Test
  void transientJdbcAndNetworkFailuresWithoutAStateAreRetried() {
    assertRetryable(Failures.classify("x", new SQLTransientConnectionException("pool timeout")));
    assertRetryable(
        Failures.classify("x", new RuntimeException(new SocketTimeoutException("read"))));
    assertRetryable(
        Failures.classify("x", new SQLException("reset", new SocketException("reset"))));
  }

  @Test
  void mongoNotPrimaryShutdownAndRetryableLabelsAreTransientOtherServerErrorsPermanent() {
    var address = new ServerAddress();
    assertTrue(Failures.isTransient(new MongoNotPrimaryException(doc(10107), address)));
    assertTrue(Failures.isTransient(new MongoCommandException(doc(11600), address)));
    var labelled = new MongoCommandException(doc(123), address);
    labelled.addLabel("RetryableWriteError");
    assertTrue(Failures.isTransient(labelled));
    var badValue = new MongoCommandException(doc(2), address);
    assertFalse(Failures.isTransient(badValue));
    assertEquals(
        "UNEXPECTED", ((ApplicationFailure) Failures.classify("repairing", badValue)).getType());
    assertEquals(
        FailureType.UNAUTHORIZED,
        Failures.permanentType(new MongoCommandException(doc(13), address)));
  }

  @Test
  void temporalsOwnSignalsToAnActivityPassThrough() {
    var cancelled = new ActivityCanceledException();
    assertSame(cancelled, Failures.classify("comparing", cancelled));
  }

  private static void assertRetryable(RuntimeException e) {
    var failure = assertInstanceOf(ApplicationFailure.class, e);
    assertFalse(failure.isNonRetryable(), failure.getOriginalMessage());
  }

  private static BsonDocument doc(int code) {
    return new BsonDocument("ok", new BsonInt32(0))
        .append("code", new BsonInt32(code))
        .append("errmsg", new BsonString("server error " + code));
  }

  @ParameterizedTest
  @CsvSource({"08006", "08001", "40001", "40P01", "57P01", "57014", "55P03", "53300"})
  void transientSqlStatesAreRetried(String state) {
    assertNull(Failures.permanentType(new SQLException("boom", state)));
    RuntimeException e = Failures.classify("reading", new SQLException("boom", state));
    assertRetryable(e);
    assertEquals("SQLException", ((ApplicationFailure) e).getType());
    assertEquals("reading: boom", ((ApplicationFailure) e).getOriginalMessage());
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
    assertRetryable(Failures.classify("reading", timeout));
  }
}
