package io.recon.activities.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * MongoDB's inclusion projection, computed locally (checked against the embedded server by ITs).
 */
class ProjectedViewTest {
  private final ProjectedView view = new ProjectedView(List.of("_id", "contact.email", "n"));

  @Test
  void aScalarOrNullParentIsDroppedAndOtherFieldsToo() {
    assertEquals(
        new Document("_id", 1).append("n", 2),
        view.of(new Document("_id", 1).append("contact", "a@b").append("n", 2).append("x", 3)));
    assertEquals(new Document("_id", 1), view.of(new Document("_id", 1).append("contact", null)));
  }

  @Test
  void aDocumentParentKeepsOnlyTheProjectedPath() {
    assertEquals(
        new Document("_id", 1).append("contact", new Document("email", "e")),
        view.of(
            new Document("_id", 1)
                .append("contact", new Document("email", "e").append("phone", "p"))));
  }

  @Test
  void anArrayParentKeepsItsDocumentElementsProjected() {
    assertEquals(
        new Document("_id", 1)
            .append("contact", List.of(new Document("email", "e"), new Document())),
        view.of(
            new Document("_id", 1)
                .append(
                    "contact",
                    List.of(
                        "x", new Document("email", "e").append("z", 1), new Document("z", 2)))));
    assertEquals(
        new Document("_id", 1).append("contact", List.of()),
        view.of(new Document("_id", 1).append("contact", List.of())));
  }
}
