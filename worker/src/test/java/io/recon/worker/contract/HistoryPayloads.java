package io.recon.worker.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The payloads of a workflow's history exactly as its clients and worker sent them: the start
 * input, each signal, each accepted update's request and answer, and the result. These are what the
 * contract's schemas must describe, whatever language produced them.
 */
public record HistoryPayloads(
    JsonNode start,
    List<Signal> signals,
    List<JsonNode> updateRequests,
    List<JsonNode> updateAnswers,
    JsonNode result) {

  public record Signal(String name, JsonNode payload) {}

  public static HistoryPayloads of(WorkflowClient client, String workflowId) {
    JsonNode start = null;
    JsonNode result = null;
    List<Signal> signals = new ArrayList<>();
    List<JsonNode> requests = new ArrayList<>();
    List<JsonNode> answers = new ArrayList<>();
    for (HistoryEvent e : client.fetchHistory(workflowId).getEvents()) {
      if (e.hasWorkflowExecutionStartedEventAttributes()) {
        start = json(e.getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0));
      } else if (e.hasWorkflowExecutionSignaledEventAttributes()) {
        var s = e.getWorkflowExecutionSignaledEventAttributes();
        signals.add(new Signal(s.getSignalName(), json(s.getInput().getPayloads(0))));
      } else if (e.hasWorkflowExecutionUpdateAcceptedEventAttributes()) {
        var input = e.getWorkflowExecutionUpdateAcceptedEventAttributes().getAcceptedRequest();
        requests.add(json(input.getInput().getArgs().getPayloads(0)));
      } else if (e.hasWorkflowExecutionUpdateCompletedEventAttributes()) {
        var outcome = e.getWorkflowExecutionUpdateCompletedEventAttributes().getOutcome();
        if (outcome.hasSuccess()) {
          answers.add(json(outcome.getSuccess().getPayloads(0)));
        }
      } else if (e.hasWorkflowExecutionCompletedEventAttributes()) {
        result = json(e.getWorkflowExecutionCompletedEventAttributes().getResult().getPayloads(0));
      }
    }
    return new HistoryPayloads(start, signals, requests, answers, result);
  }

  public List<JsonNode> signals(String name) {
    return signals.stream().filter(s -> s.name().equals(name)).map(Signal::payload).toList();
  }

  /** A payload as JSON; every payload of the contract is plain JSON (no codec in these tests). */
  private static JsonNode json(Payload p) {
    assertEquals(
        "json/plain",
        p.getMetadataOrThrow("encoding").toStringUtf8(),
        "the contract's payloads are JSON");
    try {
      return ContractSchemas.JSON.readTree(p.getData().toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
