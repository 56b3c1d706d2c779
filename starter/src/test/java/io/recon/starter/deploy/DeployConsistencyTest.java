package io.recon.starter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.recon.core.config.ConfigVar;
import io.recon.core.spec.SpecLoader;
import io.recon.embedded.testing.DeployMetricNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Checks deploy/ statically, since no Docker daemon or cluster runs the build: the files parse,
 * workers get only the variables recon reads, probes and scrapes hit port 9464, and every metric
 * the dashboard and alerts query is one the worker declares.
 */
class DeployConsistencyTest {
  /**
   * The worker's configuration contract: the catalogue's variables a deployed worker reads
   * (docs/operations.md); nothing else may be passed.
   */
  static final Set<String> CONTRACT =
      Arrays.stream(ConfigVar.values())
          .filter(ConfigVar::deployable)
          .map(Enum::name)
          .collect(Collectors.toUnmodifiableSet());

  /** Whether a variable's value must come from a Secret, never a ConfigMap or a plain value. */
  static boolean secret(String name) {
    return ConfigVar.named(name).map(ConfigVar::secret).orElse(false);
  }

  static final int METRICS_PORT = 9464;

  private final Path root = DeployFiles.repoRoot();
  private final Path deploy = root.resolve("deploy");

  // ---- compose ----

  private Map<String, JsonNode> composeWorkers() {
    JsonNode services =
        DeployFiles.yaml(deploy.resolve("compose/docker-compose.yml")).get("services");
    Map<String, JsonNode> workers = new TreeMap<>();
    services
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().path("image").asText().startsWith("recon:")) {
                workers.put(e.getKey(), e.getValue());
              }
            });
    return workers;
  }

  @Test
  void composeRunsTwoWorkersWithOnlyContractVariables() {
    Map<String, JsonNode> workers = composeWorkers();
    assertEquals(2, workers.size(), "workers: " + workers.keySet());
    for (var w : workers.entrySet()) {
      Set<String> env = new TreeSet<>();
      w.getValue().path("environment").fieldNames().forEachRemaining(env::add);
      assertContract(env, "compose service " + w.getKey());
      assertTrue(env.contains("RECON_PAYLOAD_KEY"), w.getKey() + " passes RECON_PAYLOAD_KEY");
      assertEquals("worker", w.getValue().path("command").path(0).asText(), w.getKey());
      assertTrue(
          w.getValue().path("ports").toString().contains(":" + METRICS_PORT + "\""),
          w.getKey() + " publishes container port 9464");
      assertTrue(w.getValue().path("read_only").asBoolean(), w.getKey() + " read_only");
    }
  }

  @Test
  void composeBuildsTheWorkerFromTheDockerfile() {
    JsonNode build =
        composeWorkers().values().stream()
            .map(w -> w.get("build"))
            .filter(b -> b != null)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no worker has a build section"));
    Path context = deploy.resolve("compose").resolve(build.path("context").asText()).normalize();
    assertEquals(root, context);
    assertTrue(Files.isRegularFile(context.resolve(build.path("dockerfile").asText())));
  }

  @Test
  void dockerfileCopiesTheShadedJarAndRunsTheWorkerAsNonRoot() {
    String dockerfile = DeployFiles.text(deploy.resolve("compose/Dockerfile"));
    assertTrue(dockerfile.contains("FROM eclipse-temurin:17-jre"), "base image");
    assertTrue(
        Pattern.compile("(?m)^COPY .*cli/target/recon\\.jar ").matcher(dockerfile).find(),
        "copies cli/target/recon.jar");
    assertTrue(
        Pattern.compile("(?m)^CMD \\[\"worker\"]").matcher(dockerfile).find(), "runs worker");
    assertTrue(dockerfile.contains("\"-jar\""), "java -jar");
    assertTrue(Pattern.compile("(?m)^EXPOSE 9464$").matcher(dockerfile).find(), "EXPOSE 9464");
    assertTrue(
        Pattern.compile("(?s)HEALTHCHECK.*127\\.0\\.0\\.1:9464/healthz").matcher(dockerfile).find(),
        "HEALTHCHECK on /healthz");
    var user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
    assertTrue(user.find(), "USER set");
    assertFalse(user.group(1).startsWith("0") || user.group(1).startsWith("root"), user.group(1));
  }

  @Test
  void composePrometheusScrapesEveryWorkerOn9464AndLoadsTheRules() {
    JsonNode config = DeployFiles.yaml(deploy.resolve("compose/prometheus/prometheus.yml"));
    Set<String> targets = new TreeSet<>();
    config
        .path("scrape_configs")
        .forEach(
            job ->
                job.path("static_configs")
                    .forEach(sc -> sc.path("targets").forEach(t -> targets.add(t.asText()))));
    for (String worker : composeWorkers().keySet()) {
      assertTrue(targets.contains(worker + ":" + METRICS_PORT), worker + " scraped: " + targets);
    }
    String ruleFile = config.path("rule_files").path(0).asText();
    JsonNode prometheus =
        DeployFiles.yaml(deploy.resolve("compose/docker-compose.yml"))
            .path("services")
            .path("prometheus");
    assertTrue(
        prometheus.path("volumes").toString().contains("recon-alerts.yml:" + ruleFile),
        "rules mounted at " + ruleFile);
  }

  @Test
  void composeGrafanaIsProvisionedWithTheDashboard() {
    JsonNode grafana =
        DeployFiles.yaml(deploy.resolve("compose/docker-compose.yml"))
            .path("services")
            .path("grafana");
    assertTrue(grafana.path("volumes").toString().contains("grafana/recon-dashboard.json:"));
    JsonNode ds =
        DeployFiles.yaml(deploy.resolve("compose/grafana/provisioning/datasources/prometheus.yml"));
    assertEquals("prometheus", ds.path("datasources").path(0).path("type").asText());
    JsonNode dashboards =
        DeployFiles.yaml(deploy.resolve("compose/grafana/provisioning/dashboards/recon.yml"));
    assertTrue(
        grafana
            .path("volumes")
            .toString()
            .contains(dashboards.path("providers").path(0).path("options").path("path").asText()));
  }

  // ---- Kubernetes ----

  /** Every object of a kustomization, following directories that are themselves kustomizations. */
  private List<JsonNode> kustomize(Path dir) {
    JsonNode k = DeployFiles.yaml(dir.resolve("kustomization.yaml"));
    List<JsonNode> objects = new ArrayList<>();
    for (JsonNode r : k.path("resources")) {
      Path p = dir.resolve(r.asText()).normalize();
      if (Files.isDirectory(p)) {
        assertTrue(Files.isRegularFile(p.resolve("kustomization.yaml")), p + " is a kustomization");
        objects.addAll(kustomize(p));
      } else {
        assertTrue(Files.isRegularFile(p), dir.relativize(p) + " listed in kustomization exists");
        objects.addAll(DeployFiles.yamlDocuments(p));
      }
    }
    return objects;
  }

  private static JsonNode one(List<JsonNode> objects, String kind) {
    List<JsonNode> found =
        objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    assertEquals(1, found.size(), "one " + kind);
    return found.get(0);
  }

  @Test
  void everyKustomizationResourceExistsAndTheExampleSecretIsLeftOut() {
    List<JsonNode> base = kustomize(deploy.resolve("k8s"));
    assertTrue(base.stream().noneMatch(o -> "Secret".equals(o.path("kind").asText())));
    assertTrue(Files.isRegularFile(deploy.resolve("k8s/secret.example.yaml")));
    List<JsonNode> monitored = kustomize(deploy.resolve("k8s/monitoring"));
    JsonNode podMonitor = one(monitored, "PodMonitor");
    assertEquals("metrics", podMonitor.at("/spec/podMetricsEndpoints/0/port").asText());
    assertEquals("/metrics", podMonitor.at("/spec/podMetricsEndpoints/0/path").asText());
  }

  @Test
  void workerDeploymentPassesOnlyContractVariablesAndSecretsBySecretKeyRef() {
    List<JsonNode> objects = kustomize(deploy.resolve("k8s"));
    JsonNode container = workerContainer(objects);
    Set<String> env = new TreeSet<>();
    for (JsonNode e : container.path("env")) {
      String name = e.path("name").asText();
      env.add(name);
      if (secret(name)) {
        assertFalse(e.at("/valueFrom/secretKeyRef/name").isMissingNode(), name + " from a Secret");
        assertTrue(e.path("value").isMissingNode(), name + " has no literal value");
      }
    }
    for (JsonNode from : container.path("envFrom")) {
      String name = from.at("/configMapRef/name").asText();
      JsonNode configMap =
          objects.stream()
              .filter(o -> "ConfigMap".equals(o.path("kind").asText()))
              .filter(o -> name.equals(o.at("/metadata/name").asText()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("envFrom names missing ConfigMap " + name));
      configMap
          .path("data")
          .fieldNames()
          .forEachRemaining(
              key -> {
                env.add(key);
                assertFalse(secret(key), key + " must not sit in a ConfigMap");
              });
      assertTrue(from.path("secretRef").isMissingNode());
    }
    assertContract(env, "k8s worker Deployment");
    for (String secret :
        List.of("RECON_SOURCE_PASSWORD", "RECON_MONGO_PASSWORD", "RECON_PAYLOAD_KEY")) {
      assertTrue(env.contains(secret), "Deployment passes " + secret);
    }
    assertEquals("worker", container.path("args").path(0).asText());
  }

  @Test
  void pruneCronJobNeverOverlapsAndTakesThePrunerPasswordFromTheSecret() {
    JsonNode cron = one(kustomize(deploy.resolve("k8s")), "CronJob");
    assertEquals("Forbid", cron.at("/spec/concurrencyPolicy").asText());
    JsonNode container = cron.at("/spec/jobTemplate/spec/template/spec/containers/0");
    assertEquals("prune", container.path("args").path(0).asText());
    Set<String> env = new TreeSet<>();
    for (JsonNode e : container.path("env")) {
      String name = e.path("name").asText();
      env.add(name);
      if (secret(name)) {
        assertFalse(e.at("/valueFrom/secretKeyRef/name").isMissingNode(), name + " from a Secret");
        assertTrue(e.path("value").isMissingNode(), name + " has no literal value");
      }
    }
    assertContract(env, "k8s prune CronJob");
    assertTrue(env.contains("RECON_PRUNER_PASSWORD"), env.toString());
    assertTrue(
        container.at("/securityContext/readOnlyRootFilesystem").asBoolean(), "read-only root");
  }

  @Test
  void workerDeploymentProbesHealthzOn9464AndIsLockedDown() {
    List<JsonNode> objects = kustomize(deploy.resolve("k8s"));
    JsonNode pod = one(objects, "Deployment").at("/spec/template");
    JsonNode container = workerContainer(objects);
    Map<String, Integer> ports = new TreeMap<>();
    container
        .path("ports")
        .forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
    assertEquals(Set.of(METRICS_PORT), Set.copyOf(ports.values()));
    for (String probe : List.of("readinessProbe", "livenessProbe")) {
      JsonNode get = container.path(probe).path("httpGet");
      assertEquals("/healthz", get.path("path").asText(), probe);
      JsonNode port = get.path("port");
      int resolved = port.isInt() ? port.asInt() : ports.getOrDefault(port.asText(), -1);
      assertEquals(METRICS_PORT, resolved, probe + " port");
    }
    assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean());
    assertTrue(
        container.at("/securityContext/runAsNonRoot").asBoolean()
            || pod.at("/spec/securityContext/runAsNonRoot").asBoolean());
    assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true));
    String tmpVolume = null;
    for (JsonNode m : container.path("volumeMounts")) {
      if ("/tmp".equals(m.path("mountPath").asText())) {
        tmpVolume = m.path("name").asText();
      }
    }
    assertNotNull(tmpVolume, "/tmp is mounted");
    boolean emptyDir = false;
    for (JsonNode v : pod.at("/spec/volumes")) {
      emptyDir |= v.path("name").asText().equals(tmpVolume) && v.has("emptyDir");
    }
    assertTrue(emptyDir, "/tmp is an emptyDir");
    for (String r : List.of("requests", "limits")) {
      assertTrue(container.at("/resources/" + r).has("cpu"), r + " cpu");
      assertTrue(container.at("/resources/" + r).has("memory"), r + " memory");
    }
    assertEquals("9464", pod.at("/metadata/annotations/prometheus.io~1port").asText());
  }

  @Test
  void autoscalerTargetsTheWorkerDeployment() {
    List<JsonNode> objects = kustomize(deploy.resolve("k8s"));
    JsonNode hpa = one(objects, "HorizontalPodAutoscaler");
    assertEquals(
        one(objects, "Deployment").at("/metadata/name").asText(),
        hpa.at("/spec/scaleTargetRef/name").asText());
    assertTrue(hpa.at("/spec/minReplicas").asInt() >= 2, "at least two workers");
  }

  @Test
  void networkPolicyAllowsOnlyTheEnginesDnsAndMonitoring() {
    JsonNode policy = one(kustomize(deploy.resolve("k8s")), "NetworkPolicy");
    Set<Integer> egress = new TreeSet<>();
    policy
        .at("/spec/egress")
        .forEach(r -> r.path("ports").forEach(p -> egress.add(p.path("port").asInt())));
    assertEquals(Set.of(7233, 5432, 27017, 53), egress);
    Set<Integer> ingress = new TreeSet<>();
    policy
        .at("/spec/ingress")
        .forEach(r -> r.path("ports").forEach(p -> ingress.add(p.path("port").asInt())));
    assertEquals(Set.of(METRICS_PORT), ingress);
    assertTrue(policy.at("/spec/ingress/0/from").size() > 0, "ingress only from monitoring");
    assertTrue(policy.at("/spec/policyTypes").toString().contains("Egress"));
  }

  @Test
  void specsConfigMapHoldsValidSpecsMountedIntoWorkers() {
    List<JsonNode> objects = kustomize(deploy.resolve("k8s"));
    JsonNode pod = one(objects, "Deployment").at("/spec/template/spec");
    String specsMap = null;
    for (JsonNode v : pod.path("volumes")) {
      if (v.has("configMap")) {
        specsMap = v.at("/configMap/name").asText();
      }
    }
    String name = specsMap;
    JsonNode specs =
        objects.stream()
            .filter(o -> name != null && name.equals(o.at("/metadata/name").asText()))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no spec ConfigMap mounted"));
    assertTrue(specs.path("data").size() > 0);
    specs
        .path("data")
        .fields()
        .forEachRemaining(e -> SpecLoader.parse(e.getValue().asText(), e.getKey()));
  }

  private static JsonNode workerContainer(List<JsonNode> objects) {
    JsonNode containers = one(objects, "Deployment").at("/spec/template/spec/containers");
    assertEquals(1, containers.size());
    return containers.get(0);
  }

  // ---- metrics, dashboard, alerts ----

  @Test
  void metricNamesJavadocMatchesWhatMicrometerDerives() {
    List<DeployMetricNames.Declared> declared = DeployMetricNames.declared(root);
    assertTrue(declared.size() >= 16, "constants read: " + declared.size());
    for (DeployMetricNames.Declared d : declared) {
      assertEquals(d.documented(), d.derived(), d.constant());
    }
  }

  @Test
  void everyReconMetricInTheDashboardAndRulesIsDeclared() {
    Set<String> declared = DeployMetricNames.declaredSeries(root);
    Set<String> referenced = DeployMetricNames.referencedMetricNames(root);
    Set<String> unknown = new TreeSet<>();
    for (String name : referenced) {
      if (name.startsWith("recon_") && !declared.contains(name)) {
        unknown.add(name);
      }
    }
    assertEquals(Set.of(), unknown, "declared: " + declared);
    assertTrue(referenced.contains("temporal_worker_task_slots_available"));
    assertTrue(referenced.contains("recon_discrepancies_transient_total"));
  }

  @Test
  void metricNameExtractionIgnoresLabelsAndFunctions() {
    assertEquals(
        Set.of("recon_repairs_total", "temporal_x_bucket"),
        DeployMetricNames.namesIn(
            "sum by (le, task_queue) (rate(recon_repairs_total{outcome=\"recon_fake\"}[5m]))"
                + " / histogram_quantile(0.9, temporal_x_bucket{task_queue=~\"$task_queue\"})"));
  }

  @Test
  void dashboardIsFilteredBySpec() {
    JsonNode dashboard = DeployFiles.json(root.resolve(DeployMetricNames.DASHBOARD));
    Set<String> vars = new TreeSet<>();
    dashboard.at("/templating/list").forEach(v -> vars.add(v.path("name").asText()));
    assertTrue(vars.contains("spec"), "variables: " + vars);
    for (String expr : DeployMetricNames.expressions(root)) {
      if (expr.contains("recon_") && !expr.startsWith("label_values") && expr.contains("[$__")) {
        assertTrue(expr.contains("spec=~\"$spec\""), "filtered by spec: " + expr);
      }
    }
  }

  @Test
  void everyAlertHasForSeverityAndActionableAnnotations() {
    JsonNode rules = DeployFiles.yaml(root.resolve(DeployMetricNames.RULES));
    int count = 0;
    for (JsonNode group : rules.path("groups")) {
      for (JsonNode rule : group.path("rules")) {
        String name = rule.path("alert").asText();
        if (name.isEmpty()) {
          fail("a rule without alert name in " + group.path("name").asText());
        }
        count++;
        assertTrue(rule.has("for"), name + " for");
        assertTrue(
            Set.of("info", "warning", "critical").contains(rule.at("/labels/severity").asText()),
            name + " severity");
        assertFalse(rule.at("/annotations/summary").asText().isBlank(), name + " summary");
        String description = rule.at("/annotations/description").asText();
        assertTrue(
            description.contains("docs/operations.md#" + name.toLowerCase()),
            name + " links its runbook");
      }
    }
    assertTrue(count >= 5);
  }

  private static void assertContract(Set<String> env, String where) {
    Set<String> extra = new TreeSet<>(env);
    extra.removeAll(CONTRACT);
    assertEquals(Set.of(), extra, where + " passes variables recon does not read");
  }
}
