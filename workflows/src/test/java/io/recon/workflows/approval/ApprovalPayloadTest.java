package io.recon.workflows.approval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.recon.workflows.cycle.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalPayloadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> APPROVERS = List.of("alice", "bob");

  private static ApprovalPayload parse(String json) throws Exception {
    return ApprovalPayload.parse(JSON.readTree(json), "approve", APPROVERS);
  }

  @Test
  void fullPayloadIsValid() throws Exception {
    ApprovalPayload p =
        parse("{\"approver\":\" alice \",\"reason\":\"ok\",\"requestId\":\"r1\",\"ids\":[\"a\"]}");

    assertTrue(p.valid());
    assertEquals("alice", p.approver());
    assertEquals("ok", p.reason());
    assertEquals("r1", p.requestId());
    assertEquals(List.of("a"), p.ids());
  }

  @Test
  void approverAloneMeansEverythingPending() throws Exception {
    ApprovalPayload p = parse("{\"approver\":\"bob\",\"reason\":null,\"ids\":null}");

    assertTrue(p.valid());
    assertTrue(p.ids().isEmpty());
    assertNull(p.reason());
  }

  @Test
  void nonObjectPayloadIsRefusedNamingWhatArrived() throws Exception {
    assertEquals(
        "payload must be a JSON object with \"approver\", not a string",
        parse("\"alice\"").refusal());
    assertEquals(
        "payload must be a JSON object with \"approver\", not an array", parse("[]").refusal());
    assertEquals(
        "payload must be a JSON object with \"approver\", not nothing",
        ApprovalPayload.parse(null, "approve", APPROVERS).refusal());
  }

  @Test
  void missingApproverIsRefused() throws Exception {
    assertEquals(ApprovalPayload.NOT_AN_OBJECT, parse("{\"reason\":\"ok\"}").refusal());
  }

  @Test
  void blankOrNonTextApproverIsRefused() throws Exception {
    assertEquals("\"approver\" must not be blank", parse("{\"approver\":\"  \"}").refusal());
    assertEquals(
        "\"approver\" must be a string, not an object",
        parse("{\"approver\":{\"name\":\"alice\"}}").refusal());
  }

  @Test
  void unknownApproverIsRefusedButRecorded() throws Exception {
    ApprovalPayload p = parse("{\"approver\":\"mallory\",\"reason\":\"trust me\"}");

    assertEquals("approver 'mallory' is not in approvers [alice, bob]", p.refusal());
    assertEquals("mallory", p.approver());
    assertEquals("trust me", p.reason());
  }

  @Test
  void approverMatchIsCaseSensitive() throws Exception {
    assertEquals(
        "approver 'Alice' is not in approvers [alice, bob]",
        parse("{\"approver\":\"Alice\"}").refusal());
  }

  @Test
  void idsMustBeAnArrayOfStrings() throws Exception {
    assertTrue(parse("{\"approver\":\"alice\",\"ids\":\"a\"}").refusal().startsWith("\"ids\""));
    assertTrue(parse("{\"approver\":\"alice\",\"ids\":[1]}").refusal().startsWith("\"ids\""));
    assertTrue(parse("{\"approver\":\"alice\",\"ids\":[\"\"]}").refusal().startsWith("\"ids\""));
  }

  @Test
  void tooManyIdsAreRefusedRatherThanTruncated() throws Exception {
    String ids = "\"x\",".repeat(ApprovalPayload.MAX_IDS) + "\"y\"";
    String refusal = parse("{\"approver\":\"alice\",\"ids\":[" + ids + "]}").refusal();

    assertTrue(refusal.contains("at most 50 per signal"), refusal);
  }

  @Test
  void numericRequestIdIsAcceptedAsText() throws Exception {
    assertEquals("42", parse("{\"approver\":\"alice\",\"requestId\":42}").requestId());
  }

  @Test
  void overlongRequestIdIsRefusedButOverlongReasonIsClipped() throws Exception {
    String longText = "r".repeat(500);
    assertEquals(
        "\"requestId\" must be at most 64 characters",
        parse("{\"approver\":\"alice\",\"requestId\":\"" + longText + "\"}").refusal());
    ApprovalPayload p = parse("{\"approver\":\"alice\",\"reason\":\"" + longText + "\"}");
    assertTrue(p.valid());
    assertEquals(ApprovalPayload.MAX_REASON, p.reason().length());
  }

  @Test
  void unknownFieldsAreIgnored() throws Exception {
    assertTrue(parse("{\"approver\":\"alice\",\"comment\":\"hi\"}").valid());
  }

  @Test
  void decisionCarriesWhatWasRequestedAndWhatHappened() throws Exception {
    JsonNode json =
        JSON.readTree("{\"approver\":\"bob\",\"ids\":[\"a\",\"b\"],\"requestId\":\"r\"}");
    ApprovalPayload p = ApprovalPayload.parse(json, "reject", APPROVERS);

    Decision d = p.toDecision(1, List.of("b"), 1234);

    assertEquals(
        new Decision("reject", "r", "bob", null, List.of("a", "b"), 1, null, List.of("b"), 1234),
        d);
    assertTrue(d.accepted());
    assertEquals("nothing is pending approval", p.refuse("nothing is pending approval").refusal());
  }
}
