package org.budgethub.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/compose.yaml without a Docker daemon (none runs on CI): Compose itself accepts it
 * ({@code docker-compose config}; Debian's docker-compose, which .ci/run installs: on CI (CI=true) a
 * missing one fails the test, elsewhere it is skipped), and what Compose would only find out at
 * {@code up} is checked here: every file and folder it mounts or builds from exists, every Dockerfile's
 * COPY source is in its build context, every long-running service has a health check, no password
 * is written in the file, and the Grafana provisioning matches the services.
 */
class DockerComposeIT {

    private static final Path DOCKER = Path.of("docker");
    private static final Path COMPOSE = DOCKER.resolve("compose.yaml");
    /** The variables compose.yaml requires (${VAR:?…}): what docker/.env must define. */
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z_]+):\\?[^}]*}");

    @Test
    void composeAcceptsTheFileWithTheExampleEnvironmentAndEveryProfile() throws Exception {
        String composeCli = composeOrSkip();
        Path envFile = DOCKER.resolve(".env.example");

        Run config = run(List.of(composeCli, "--env-file", envFile.toString(), "-f", COMPOSE.toString(), "--profile", "monitoring",
                "config"), Map.of());

        assertThat(config.exit()).as(config.output()).isZero();
        for (String service : List.of("keys:", "cms:", "finance-db:", "hub-db:", "hub:", "prometheus:", "grafana:")) {
            assertThat(config.output()).as(config.output()).contains("  " + service);
        }
    }

    @Test
    void withoutDockerEnvComposeRefusesAndSaysToCopyTheExample() throws Exception {
        String composeCli = composeOrSkip();
        Path empty = Files.createTempFile("empty", ".env");
        try {
            Run config = run(List.of(composeCli, "--env-file", empty.toString(), "-f", COMPOSE.toString(), "config"),
                    Map.of("unset", String.join(",", requiredVariables())));

            assertThat(config.exit()).as(config.output()).isNotZero();
            assertThat(config.output()).contains("请把 docker/.env.example 复制为 docker/.env");
        } finally {
            Files.delete(empty);
        }
    }

    @Test
    void everyFileAndFolderTheComposeFileMountsOrBuildsFromExists() throws Exception {
        Map<String, Object> compose = compose();
        Set<String> namedVolumes = map(compose.get("volumes")).keySet();
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, Object> service : map(compose.get("services")).entrySet()) {
            Map<String, Object> s = map(service.getValue());
            String name = service.getKey();
            Object build = s.get("build");
            if (build != null) {
                Path context = DOCKER.resolve(build instanceof String b ? b : (String) map(build).get("context")).normalize();
                Path dockerfile = context.resolve(build instanceof Map<?, ?> m && m.get("dockerfile") != null ? (String) m.get("dockerfile")
                        : "Dockerfile").normalize();
                assertThat(context).as(name + "'s build context").isDirectory();
                assertThat(dockerfile).as(name + "'s Dockerfile").isRegularFile();
                assertCopySourcesExist(dockerfile, context);
                checked.add(dockerfile.toString());
            }
            for (Object volume : list(s.get("volumes"))) {
                String source = ((String) volume).split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    assertThat(DOCKER.resolve(source).normalize()).as(name + " mounts " + source).exists();
                    checked.add(source);
                } else {
                    assertThat(namedVolumes).as(name + " mounts the named volume " + source).contains(source);
                }
            }
        }
        // The demo's finance data, the init SQL, the key script, the CMS image, the observability files.
        assertThat(checked).contains("../src/main/resources/demo/schema.sql", "./finance-db/10-hub-reader.sql", "./keys/init-keys.sh",
                "docker/cms/Dockerfile", "docker/Dockerfile", "./observability/grafana/provisioning");
    }

    @Test
    void everyLongRunningServiceHasAHealthCheckAndStartsAfterWhatItNeedsIsHealthyOrDone() {
        Map<String, Object> services = map(compose().get("services"));
        for (Map.Entry<String, Object> service : services.entrySet()) {
            Map<String, Object> s = map(service.getValue());
            boolean once = "no".equals(s.get("restart"));
            if (!once) {
                assertThat(map(s.get("healthcheck")).get("test")).as(service.getKey() + " has a health check").isNotNull();
            }
            boolean monitoring = list(s.get("profiles")).contains("monitoring");
            for (Map.Entry<String, Object> dependency : map(s.get("depends_on")).entrySet()) {
                boolean initService = "no".equals(map(services.get(dependency.getKey())).get("restart"));
                Object condition = map(dependency.getValue()).get("condition");
                if (initService) {
                    assertThat(condition).as(service.getKey() + " → " + dependency.getKey()).isEqualTo("service_completed_successfully");
                } else if (!monitoring) {
                    // Monitoring may start beside a hub that is not healthy: that is when it is wanted.
                    assertThat(condition).as(service.getKey() + " → " + dependency.getKey()).isEqualTo("service_healthy");
                }
            }
        }
        assertThat(map(map(services.get("hub")).get("depends_on")).keySet()).containsExactlyInAnyOrder("keys", "hub-db", "finance-db", "cms");
        assertThat(map(services.get("hub")).get("healthcheck").toString()).contains("hub-healthcheck");
    }

    @Test
    void noPasswordIsWrittenInTheComposeFileAndTheExampleEnvironmentDefinesEveryOne() throws Exception {
        for (Map.Entry<String, Object> service : map(compose().get("services")).entrySet()) {
            for (Map.Entry<String, Object> variable : map(map(service.getValue()).get("environment")).entrySet()) {
                if (variable.getKey().contains("PASSWORD")) {
                    assertThat(String.valueOf(variable.getValue())).as(service.getKey() + " " + variable.getKey()).matches(REQUIRED.pattern());
                }
            }
        }
        Set<String> example = new TreeSet<>();
        for (String line : Files.readAllLines(DOCKER.resolve(".env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                example.add(line.substring(0, line.indexOf('=')));
            }
        }
        assertThat(example).isEqualTo(requiredVariables());
        assertThat(Files.readAllLines(Path.of(".gitignore"))).contains("docker/.env");
    }

    @Test
    void theHubImageIsLayeredAndRunsAsItsOwnUser() throws Exception {
        String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));

        assertThat(dockerfile).contains("java -Djarmode=tools -jar target/budget-disclosure-hub.jar extract --layers --launcher");
        List<Integer> order = new ArrayList<>();
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            int at = dockerfile.indexOf("COPY --from=build /layers/" + layer + "/");
            assertThat(at).as(layer).isPositive();
            order.add(at);
        }
        assertThat(order).isSorted();
        String runtime = dockerfile.substring(dockerfile.lastIndexOf("\nFROM "));
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(runtime);
        assertThat(user.find()).as("the runtime stage names its USER").isTrue();
        assertThat(user.group(1)).isNotIn("root", "0");
        assertThat(runtime).contains("org.springframework.boot.loader.launch.JarLauncher");
    }

    @Test
    void grafanaIsProvisionedWithThePrometheusServiceAndTheShippedDashboard() throws Exception {
        Map<String, Object> services = map(compose().get("services"));
        Map<String, Object> datasources = new Yaml().load(Files.readString(
                DOCKER.resolve("observability/grafana/provisioning/datasources/prometheus.yml")));
        Map<String, Object> prometheus = map(list(datasources.get("datasources")).get(0));
        assertThat(prometheus).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090").containsEntry("isDefault", true);
        assertThat(list(map(services.get("prometheus")).get("ports")).toString()).contains(":9090");

        Map<String, Object> dashboards = new Yaml().load(Files.readString(
                DOCKER.resolve("observability/grafana/provisioning/dashboards/budget-disclosure-hub.yml")));
        String folder = (String) map(map(list(dashboards.get("providers")).get(0)).get("options")).get("path");
        assertThat(list(map(services.get("grafana")).get("volumes")))
                .contains("./observability/grafana/budget-disclosure-hub.json:" + folder + "/budget-disclosure-hub.json:ro");
    }

    @Test
    void promtoolAcceptsThePrometheusConfigWithItsRules() throws Exception {
        if (!onPath("promtool")) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("promtool is not on the PATH: CI installs Debian's prometheus package (.ci/run)");
            }
            assumeTrue(false, "promtool is not on the PATH (apt-get install prometheus)");
        }
        Run check = run(List.of("promtool", "check", "config", DOCKER.resolve("observability/prometheus/prometheus.yml").toString()), Map.of());

        assertThat(check.exit()).as(check.output()).isZero();
    }

    // ------------------------------------------------------------------------------------------------

    /** Every COPY source of the Dockerfile (not --from a stage) exists in the build context and is not left out by .dockerignore. */
    private static void assertCopySourcesExist(Path dockerfile, Path context) throws IOException {
        List<String> ignored = new ArrayList<>();
        Path dockerignore = context.resolve(".dockerignore");
        if (Files.exists(dockerignore)) {
            Files.readAllLines(dockerignore).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.replaceFirst("^\\*\\*/", "").replaceFirst("/$", "")).forEach(ignored::add);
        }
        Matcher copy = Pattern.compile("(?m)^COPY (?!--from)(.+)$").matcher(Files.readString(dockerfile));
        while (copy.find()) {
            String[] parts = copy.group(1).trim().split("\\s+");
            for (int i = 0; i < parts.length - 1; i++) {
                String source = parts[i];
                if (source.startsWith("--")) {
                    continue;
                }
                assertThat(context.resolve(source)).as(dockerfile + " copies " + source).exists();
                for (String pattern : ignored) {
                    assertThat(source.equals(pattern) || source.startsWith(pattern + "/"))
                            .as(dockerfile + " copies " + source + ", which .dockerignore leaves out (" + pattern + ")").isFalse();
                }
            }
        }
    }

    private static Set<String> requiredVariables() {
        try {
            Set<String> required = new LinkedHashSet<>();
            Matcher m = REQUIRED.matcher(Files.readString(COMPOSE));
            while (m.find()) {
                required.add(m.group(1));
            }
            return new TreeSet<>(required);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Compose CLI, or the test is skipped (fails on CI, where .ci/run installs it). */
    private static String composeOrSkip() {
        if (onPath("docker-compose")) {
            return "docker-compose";
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail("docker-compose is not on the PATH: CI installs Debian's docker-compose package (.ci/run)");
        }
        assumeTrue(false, "docker-compose is not on the PATH (apt-get install docker-compose)");
        return null;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && java.util.Arrays.stream(path.split(File.pathSeparator)).anyMatch(d -> new File(d, program).canExecute());
    }

    private record Run(int exit, String output) {
    }

    /** Runs a command from the repository's root; {@code "unset"} lists variables removed from its environment. */
    private static Run run(List<String> command, Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        for (String name : environment.getOrDefault("unset", "").split(",")) {
            builder.environment().remove(name);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new Run(process.exitValue(), output);
    }

    private static Map<String, Object> compose() {
        try {
            return new Yaml().load(Files.readString(COMPOSE));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
