package org.budgethub.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 22's acceptance measurement against a hub that is already running (started with the heap it
 * is to be measured at): optionally a full run of a year, then the sizes of the answers that must
 * stay bounded whatever the number of agencies, then many dashboard requests at once, each timed.
 * It goes through HTTP only, as users do: the console's pages with a form login (its CSRF token and
 * session cookie), the API with HTTP Basic (no session, no CSRF). Exit 0 when every answer was
 * within the limit and no request failed, 1 otherwise, 2 on a usage error. See the README's
 * "Bounded at scale" for the whole procedure.
 */
public final class DashboardLoad {

    static final List<String> OPTIONS = List.of("url", "user", "password", "year", "run-id", "concurrency", "limit-kb",
            "timeout-s", "run-timeout-m");
    static final List<String> SWITCHES = List.of("run");
    private static final Pattern CSRF = Pattern.compile(
            "<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"_csrf\"");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One timed request: its status (-1 when it got no answer), the body's bytes, and why it failed. */
    record Answer(String what, int status, long bytes, long nanos, String error) {

        boolean ok() {
            return status == 200 && error == null;
        }
    }

    private final String base;
    private final String user;
    private final String password;
    private final Duration timeout;
    private final HttpClient console;
    private final HttpClient api;
    private final PrintStream out;

    DashboardLoad(String base, String user, String password, Duration timeout, PrintStream out) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.user = user;
        this.password = password;
        this.timeout = timeout;
        this.out = out;
        // One session for all the console's requests (as one browser's tabs); its connections are
        // pooled, so the concurrent requests each get one of their own.
        this.console = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        this.api = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        Map<String, String> o;
        int year;
        int concurrency;
        int limitKb;
        int timeoutS;
        int runTimeoutM;
        Long runId;
        try {
            o = options(args);
            year = integer(o, "year", "2026", 2000, 2100);
            concurrency = integer(o, "concurrency", "200", 1, 2000);
            limitKb = integer(o, "limit-kb", "512", 1, 1_000_000);
            timeoutS = integer(o, "timeout-s", "60", 1, 3600);
            runTimeoutM = integer(o, "run-timeout-m", "120", 1, 24 * 60);
            runId = o.containsKey("run-id") ? (long) integer(o, "run-id", null, 1, Integer.MAX_VALUE) : null;
            if (runId != null && o.containsKey("run")) {
                throw new IllegalArgumentException("--run 与 --run-id 只能给一个");
            }
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            out.println("用法：DashboardLoad --url=http://127.0.0.1:8080 --user=admin --password=…（或环境变量 HUB_BENCH_PASSWORD）"
                    + " [--year=2026] [--run | --run-id=N] [--concurrency=200] [--limit-kb=512] [--timeout-s=60] [--run-timeout-m=120]");
            return 2;
        }
        String password = o.getOrDefault("password", System.getenv().getOrDefault("HUB_BENCH_PASSWORD", ""));
        DashboardLoad load = new DashboardLoad(o.getOrDefault("url", "http://127.0.0.1:8080"), o.getOrDefault("user", "admin"),
                password, Duration.ofSeconds(timeoutS), out);
        try {
            return load.measure(year, o.containsKey("run"), runId, concurrency, limitKb * 1024L, Duration.ofMinutes(runTimeoutM));
        } catch (IOException | IllegalStateException e) {
            out.println("测量中止：" + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    int measure(int year, boolean fullRun, Long givenRun, int concurrency, long limitBytes, Duration runTimeout)
            throws IOException, InterruptedException {
        login();
        long run;
        if (fullRun) {
            run = startFullRun(year);
            awaitRun(run, runTimeout);
        } else {
            run = givenRun != null ? givenRun : latestRun(year);
        }
        JsonNode finished = getJson("/api/runs/" + run);
        out.printf("运行 #%d（%d 年）：状态 %s，计划 %d，完成 %d，新版本 %d，未变化 %d，暂缓 %d，失败 %d，用时 %.1f 秒%n", run,
                finished.path("year").asInt(), finished.path("status").asText(), finished.path("total").asInt(),
                finished.path("done").asInt(), finished.path("newVersions").asInt(), finished.path("unchanged").asInt(),
                finished.path("heldBack").asInt(), finished.path("failed").asInt(), finished.path("elapsedMs").asLong() / 1000.0);

        boolean within = true;
        out.printf("%n各页面与接口的应答大小（上限 %d KB）：%n", limitBytes / 1024);
        Map<String, HttpRequest> answers = new LinkedHashMap<>();
        answers.put("GET /api/runs/" + run + "/tasks", apiRequest("/api/runs/" + run + "/tasks"));
        answers.put("GET /api/agencies?year=" + year, apiRequest("/api/agencies?year=" + year));
        answers.put("GET /api/runs?year=" + year, apiRequest("/api/runs?year=" + year));
        answers.put("运行页 /console/runs/" + run, consoleRequest("/console/runs/" + run));
        answers.put("审核页 /console/reviews?year=" + year, consoleRequest("/console/reviews?year=" + year));
        answers.put("仪表盘 /console?year=" + year, consoleRequest("/console?year=" + year));
        answers.put("总览 /console/grid?year=" + year, consoleRequest("/console/grid?year=" + year));
        for (Map.Entry<String, HttpRequest> e : answers.entrySet()) {
            Answer a = timed(e.getKey(), e.getValue());
            boolean fits = a.ok() && a.bytes() <= limitBytes;
            within &= fits;
            out.printf("  %s  %9.1f KB  %6.2f 秒  %-4s  %s%n", a.status() < 0 ? "---" : a.status(), a.bytes() / 1024.0,
                    a.nanos() / 1e9, !a.ok() ? "出错" : fits ? "在上限内" : "超出上限", a.what());
        }

        Map<String, Double> before = metrics();
        out.printf("%n%d 个仪表盘请求同时发出（同一会话，GET /console?year=%d，每个最多等 %d 秒）……%n", concurrency, year,
                timeout.toSeconds());
        long started = System.nanoTime();
        List<Answer> burst = burst("/console?year=" + year, concurrency);
        double wall = (System.nanoTime() - started) / 1e9;
        Map<String, Double> after = metrics();
        long errors = burst.stream().filter(a -> !a.ok()).count();
        List<Long> nanos = burst.stream().map(Answer::nanos).sorted().toList();
        out.printf("  应答 %d，错误 %d；p50 %.2f 秒，p90 %.2f 秒，p99 %.2f 秒，最长 %.2f 秒；全部用时 %.2f 秒%n", burst.size() - errors,
                errors, percentile(nanos, 50) / 1e9, percentile(nanos, 90) / 1e9, percentile(nanos, 99) / 1e9,
                nanos.get(nanos.size() - 1) / 1e9, wall);
        Map<String, Long> why = new LinkedHashMap<>();
        burst.stream().filter(a -> !a.ok()).forEach(a -> why.merge(a.error() != null ? a.error() : "HTTP " + a.status(), 1L, Long::sum));
        why.forEach((reason, n) -> out.printf("  错误：%s × %d%n", reason, n));
        if (!before.isEmpty() && !after.isEmpty()) {
            out.printf("  中枢：堆已用 %.0f MiB（上限 %.0f MiB）；连接池等待超时 %+.0f 次（中枢数据库与财政数据库合计）%n",
                    after.getOrDefault("heap", 0.0) / 1048576, after.getOrDefault("heapMax", 0.0) / 1048576,
                    after.getOrDefault("poolTimeouts", 0.0) - before.getOrDefault("poolTimeouts", 0.0));
        }
        Answer alive = timed("存活检查", HttpRequest.newBuilder(URI.create(base + "/actuator/health/liveness")).timeout(timeout).build());
        Answer again = timed("仪表盘", consoleRequest("/console?year=" + year));
        out.printf("  之后：存活检查 %s，单个仪表盘请求 %s，%.2f 秒%n", alive.ok() ? "正常" : "异常（" + alive.status() + "）",
                again.ok() ? "正常" : "出错（" + (again.error() != null ? again.error() : again.status()) + "）", again.nanos() / 1e9);
        boolean passed = within && errors == 0 && alive.ok() && again.ok();
        out.printf("%n结论：%s%n", passed ? "应答都在上限内，并发请求无一出错" : "未通过（见上）");
        return passed ? 0 : 1;
    }

    /** The console's form login: the login page's CSRF token and session cookie, then the form. */
    void login() throws IOException, InterruptedException {
        HttpResponse<String> page = console.send(HttpRequest.newBuilder(URI.create(base + "/login")).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
        String token = csrf(page.body());
        if (page.statusCode() != 200 || token == null) {
            throw new IllegalStateException("登录页 " + base + "/login 未给出 CSRF 令牌（HTTP " + page.statusCode() + "）");
        }
        String form = "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(token);
        HttpResponse<String> sent = console.send(HttpRequest.newBuilder(URI.create(base + "/login")).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        String where = sent.headers().firstValue("Location").orElse("");
        if (sent.statusCode() != 302 || where.contains("/login")) {
            throw new IllegalStateException("以 " + user + " 登录未成功（HTTP " + sent.statusCode() + "，转到 " + where + "）：检查用户名和密码");
        }
    }

    /** A full rebuild of every agency of the year; a run already queued or running is waited for instead. */
    long startFullRun(int year) throws IOException, InterruptedException {
        String body = "{\"year\": " + year + ", \"scope\": \"all\", \"full\": true}";
        HttpResponse<String> r = api.send(basic(HttpRequest.newBuilder(URI.create(base + "/api/runs")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).timeout(timeout).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(r.body());
        if (r.statusCode() == 202) {
            out.printf("全量运行 #%d 已排队%n", answer.path("id").asLong());
            return answer.path("id").asLong();
        }
        if (r.statusCode() == 409 && answer.hasNonNull("run")) {
            out.printf("相同的运行 #%d 已在运行，等它结束%n", answer.path("run").asLong());
            return answer.path("run").asLong();
        }
        throw new IllegalStateException("未能发起运行（HTTP " + r.statusCode() + "）：" + answer.path("detail").asText(r.body()));
    }

    void awaitRun(long run, Duration limit) throws IOException, InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        long started = System.nanoTime();
        long lastLine = 0;
        while (true) {
            JsonNode r = getJson("/api/runs/" + run);
            String status = r.path("status").asText();
            if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
                return;
            }
            if (System.nanoTime() - lastLine > Duration.ofSeconds(30).toNanos()) {
                lastLine = System.nanoTime();
                out.printf("  运行 #%d：%s，已完成 %d/%d，已等 %d 秒%n", run, status, r.path("done").asInt(), r.path("total").asInt(),
                        (System.nanoTime() - started) / 1_000_000_000L);
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("运行 #" + run + " 在 " + limit.toMinutes() + " 分钟内未结束");
            }
            Thread.sleep(2000);
        }
    }

    /** The newest run of the year: {@code GET /api/runs} is newest first, as a list or a page of one. */
    long latestRun(int year) throws IOException, InterruptedException {
        for (JsonNode r : items(getJson("/api/runs?year=" + year))) {
            if (r.path("year").asInt() == year) {
                return r.path("id").asLong();
            }
        }
        throw new IllegalStateException(year + " 年还没有运行：加 --run 发起一次全量运行");
    }

    /** The rows of a list answer, whether a plain array or a page {@code {"items": [...], …}}. */
    static List<JsonNode> items(JsonNode list) {
        JsonNode rows = list.isArray() ? list : list.path("items");
        List<JsonNode> out = new ArrayList<>();
        rows.forEach(out::add);
        return out;
    }

    /** All requests sent together (released by one latch), each on its own thread, each timed. */
    List<Answer> burst(String path, int n) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        Answer[] answers = new Answer[n];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int slot = i;
            Thread t = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                answers[slot] = timed("仪表盘", consoleRequest(path));
            }, "dashboard-" + i);
            threads.add(t);
            t.start();
        }
        ready.await();
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        return List.of(answers);
    }

    /** The request's time to its whole body; the timeout covers the body too (the client's own covers the headers only). */
    Answer timed(String what, HttpRequest request) {
        HttpClient client = request.headers().firstValue("Authorization").isPresent() ? api : console;
        long t0 = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> sent = client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> r = sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(what, r.statusCode(), r.body().length, System.nanoTime() - t0,
                    r.statusCode() == 200 ? null : "HTTP " + r.statusCode());
        } catch (TimeoutException e) {
            sent.cancel(true);
            return new Answer(what, -1, 0, System.nanoTime() - t0, "超时（" + timeout.toSeconds() + " 秒）");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return new Answer(what, -1, 0, System.nanoTime() - t0, cause instanceof HttpTimeoutException
                    ? "超时（" + timeout.toSeconds() + " 秒）" : cause.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(what, -1, 0, System.nanoTime() - t0, "被中断");
        }
    }

    private HttpRequest consoleRequest(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).build();
    }

    private HttpRequest apiRequest(String path) {
        return basic(HttpRequest.newBuilder(URI.create(base + path))).timeout(timeout).build();
    }

    private HttpRequest.Builder basic(HttpRequest.Builder b) {
        return b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json");
    }

    private JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = api.send(apiRequest(path), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " 答 HTTP " + r.statusCode() + "：" + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** The hub's heap and its connection pools' timeouts, from the Prometheus scrape; empty when it cannot be read. */
    Map<String, Double> metrics() {
        try {
            HttpResponse<String> r = api.sendAsync(HttpRequest.newBuilder(URI.create(base + "/actuator/prometheus")).timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return r.statusCode() == 200 ? scrape(r.body()) : Map.of();
        } catch (ExecutionException | TimeoutException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** Sums of the scrape's heap used, heap max and Hikari connection timeouts. */
    static Map<String, Double> scrape(String text) {
        Map<String, Double> sums = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String key = line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"") ? "heap"
                    : line.startsWith("jvm_memory_max_bytes{") && line.contains("area=\"heap\"") ? "heapMax"
                    : line.startsWith("hikaricp_connections_timeout_total{") ? "poolTimeouts" : null;
            if (key != null) {
                double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                sums.merge(key, Math.max(v, 0), Double::sum);
            }
        }
        return sums;
    }

    /** Nearest rank: the smallest value with at least p percent of the values at or below it. */
    static long percentile(List<Long> sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    static String csrf(String loginPage) {
        Matcher m = CSRF.matcher(loginPage);
        return m.find() ? (m.group(1) != null ? m.group(1) : m.group(2)) : null;
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && SWITCHES.contains(arg.substring(2))) {
                values.put(arg.substring(2), "true");
                continue;
            }
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("无法识别的参数 '" + arg + "'（选项的写法是 --名称=值）");
            }
            String name = arg.substring(2, arg.indexOf('='));
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("未知选项 --" + name);
            }
            values.put(name, arg.substring(arg.indexOf('=') + 1));
        }
        return values;
    }

    private static int integer(Map<String, String> o, String name, String fallback, int min, int max) {
        String v = o.getOrDefault(name, fallback);
        try {
            int n = Integer.parseInt(v.trim());
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("--" + name + " 须是 " + min + " 至 " + max + " 之间的整数，而不是 '" + v + "'");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
