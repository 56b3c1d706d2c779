package io.recon.core.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spec's {@code escalation:} section: what it accepts, and one line per problem. */
class EscalationSpecTest {
  private static JobSpec parse(String escalation) {
    return SpecLoader.parse(
        "name: j\nowner: o\n"
            + "source: {table: t, key: [id]}\n"
            + "target: {database: d, collection: c, key: [_id]}\n"
            + "fields:\n  - {source: a, target: a, type: string}\n"
            + escalation,
        "job.yaml");
  }

  private static List<SpecProblem> problems(String escalation) {
    return assertThrows(SpecException.class, () -> parse(escalation)).problems();
  }

  private static String onlyProblem(String escalation) {
    List<SpecProblem> problems = problems(escalation);
    assertEquals(1, problems.size(), problems.toString());
    return problems.get(0).toString();
  }

  @Test
  void webhookAlertmanagerAndDriftAfterAreRead() {
    Escalation e =
        parse(
                "escalation: {webhook: 'https://hooks.example.com/recon?team=crm',"
                    + " alertmanager: 'http://alertmanager:9093', driftAfter: 3d}\n")
            .escalation();
    assertEquals("https://hooks.example.com/recon?team=crm", e.webhook());
    assertEquals("http://alertmanager:9093", e.alertmanager());
    assertEquals(Duration.ofDays(3), e.driftAfter());
  }

  @Test
  void driftAfterDefaultsToSevenDaysAndNoSectionMeansNoEscalation() {
    assertEquals(
        Duration.ofDays(7),
        parse("escalation: {webhook: 'http://127.0.0.1:8080/hook'}\n").escalation().driftAfter());
    assertNull(parse("").escalation());
  }

  @Test
  void aSpecWithoutEscalationKeepsItsHashAndOneWithItChangesIt() {
    String without = parse("").canonicalHash();
    assertEquals(without, parse("").canonicalHash());
    assertNotEquals(
        without, parse("escalation: {webhook: 'https://h.example/x'}\n").canonicalHash());
  }

  @Test
  void aRelativeOrNonHttpUrlIsRefusedNamingTheKey() {
    String p = onlyProblem("escalation: {webhook: hooks.example.com/recon}\n");
    assertTrue(p.contains("escalation.webhook"), p);
    assertTrue(p.contains("must be an absolute http:// or https:// URL"), p);
    assertTrue(p.contains("job.yaml:7:"), p);
    String ftp = onlyProblem("escalation: {alertmanager: 'ftp://am.example/'}\n");
    assertTrue(ftp.contains("escalation.alertmanager"), ftp);
  }

  @Test
  void credentialsInTheUrlAreRefusedWithoutEchoingThem() {
    String p = onlyProblem("escalation: {webhook: 'https://bot:hunter2@hooks.example/x'}\n");
    assertTrue(p.contains("escalation.webhook"), p);
    assertTrue(p.contains("must not carry a user or password"), p);
    assertTrue(p.contains("RECON_ESCALATION_HMAC_KEY"), p);
    assertFalse(p.contains("hunter2"), p);
  }

  @Test
  void anEmptySectionAZeroThresholdAndUnknownKeysAreReported() {
    assertTrue(onlyProblem("escalation: {}\n").contains("name a webhook or an alertmanager"));
    String zero = onlyProblem("escalation: {webhook: 'https://h.example/', driftAfter: 0s}\n");
    assertTrue(zero.contains("escalation.driftAfter") && zero.contains("longer than 0"), zero);
    String typo = problems("escalation: {webhok: 'https://h.example/'}\n").toString();
    assertTrue(typo.contains("escalation.webhok") && typo.contains("did you mean 'webhook'"), typo);
  }

  @Test
  void onlyWellFormedHostsPortsAndUrlCharactersPass() {
    assertNull(Escalation.urlProblem("http://[::1]:8080/hook"));
    assertNull(Escalation.urlProblem("HTTPS://hooks.example.com:443/a%20b?x=1&y=@z"));
    assertNull(Escalation.urlProblem("http://10.0.0.7:9093"));
    assertTrue(Escalation.urlProblem("https://h.example/a b").contains("URL characters"));
    assertTrue(Escalation.urlProblem("https://h.example/caf\u00e9").contains("URL characters"));
    assertTrue(Escalation.urlProblem("https://h.example/100%").contains("URL characters"));
    assertTrue(Escalation.urlProblem("https://h.example:99999/").contains("port up to 65535"));
    assertTrue(Escalation.urlProblem("https://:8080/").contains("must name a host"));
    assertTrue(Escalation.urlProblem("https://-h.example/").contains("must name a host"));
    assertTrue(Escalation.urlProblem("https://h.example/#top").contains("#fragment"));
    assertTrue(Escalation.urlProblem(" https://h.example/").contains("surrounding blanks"));
  }

  @Test
  void theRecordRefusesWhatTheReaderRefuses() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Escalation("http://u:p@h.example/", null, null));
    assertTrue(e.getMessage().startsWith("escalation.webhook must not carry"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Escalation(null, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new Escalation("https://h.example/", null, Duration.ZERO));
  }
}
