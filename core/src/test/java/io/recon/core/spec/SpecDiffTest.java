package io.recon.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpecDiffTest {
  private static final String V1 =
      """
      name: payments
      owner: billing
      approvers: [alice, bob]
      fields:
        - {source: amount, target: amount, type: decimal, tolerance: 0.01, severity: high}
        - {source: email, target: contact.email, type: string, severity: medium}
      repair:
        auto: [low]
      """;

  @Test
  void namesEachChangedLeafByItsDottedPathAndListElementsByTarget() {
    String v2 =
        """
        name: payments
        owner: billing
        approvers: [alice, carol]
        fields:
          - {source: status, target: status, type: string}
          - {source: amount, target: amount, type: decimal, tolerance: 0.02, severity: high}
          - {source: email, target: contact.email, type: string, severity: high}
        repair:
          auto: [low]
          approvalTimeout: 4h
        """;
    List<String> changes =
        SpecDiff.between(V1, v2).stream().map(SpecDiff.Change::describe).toList();
    assertEquals(
        List.of(
            "approvers: [alice, bob] -> [alice, carol]",
            "fields[amount].tolerance: 0.01 -> 0.02",
            "fields[contact.email].severity: medium -> high",
            "fields[status].source: (absent) -> status",
            "fields[status].target: (absent) -> status",
            "fields[status].type: (absent) -> string",
            "repair.approvalTimeout: (absent) -> 4h"),
        changes);
  }

  @Test
  void identicalDocumentsHaveNoChangesWhateverTheirLayout() {
    String reflowed =
        """
        owner: billing
        name: payments
        approvers:
          - alice
          - bob
        repair: {auto: [low]}
        fields:
          - source: amount
            target: amount
            type: decimal
            tolerance: 0.01
            severity: high
          - {source: email, target: contact.email, type: string, severity: medium}
        """;
    assertEquals(List.of(), SpecDiff.between(V1, reflowed));
  }

  @Test
  void elementsWithoutAUniqueNameAreComparedByIndex() {
    List<SpecDiff.Change> changes = SpecDiff.between("l: [{a: 1}, {a: 2}]", "l: [{a: 1}, {a: 3}]");
    assertEquals(List.of(new SpecDiff.Change("l[1].a", "2", "3")), changes);
  }
}
