package org.budgethub.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.util.FileSystemUtils;

/**
 * The floor the pipeline is measured against: the same finance rows streamed with plain JDBC (the
 * hub's own SQL files, src/main/resources/sql/*.sql, with their Camel parameters bound as JDBC
 * parameters), then the same bytes written to a temporary folder with plain, fsync-free writes. No
 * model, no validation, no rendering, no run history.
 */
public final class PlainBaseline {

    /** Read once per run, as routes/run.camel.yaml does. */
    static final List<String> RUN_SQL = List.of("functional-elements", "economic-elements", "orphan-ledger", "agency-departments");
    /** Read per agency, as routes/agency.camel.yaml does for a unit. */
    static final List<String> AGENCY_SQL = List.of("agency-years", "appropriations", "projects", "indicators", "procurement", "vehicles");
    /** Agencies per query, as hub.run.batch-size reads them by default. */
    static final int BATCH = 100;

    private static final Pattern PARAMETER = Pattern.compile(":#(?:in:)?([A-Za-z]+)");

    /** A Camel SQL file as JDBC: its text with {@code ?} marks and the parameter names in their order. */
    record Statement(String name, String sql, List<String> parameters) {
    }

    /** What the baseline did: rows read (ledger rows among them), bytes and files written, and how long each took. */
    public record Result(long rows, long ledgerRows, long readNanos, long bytes, int files, long writeNanos) {

        public long totalNanos() {
            return readNanos + writeNanos;
        }
    }

    private final String url;
    private final String user;
    private final String password;

    public PlainBaseline(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    static Statement load(String name) {
        try (InputStream in = PlainBaseline.class.getClassLoader().getResourceAsStream("sql/" + name + ".sql")) {
            if (in == null) {
                throw new IllegalStateException("sql/" + name + ".sql is not on the class path");
            }
            StringBuilder sql = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.trim().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            List<String> parameters = new ArrayList<>();
            Matcher m = PARAMETER.matcher(sql);
            StringBuilder jdbc = new StringBuilder();
            while (m.find()) {
                parameters.add(m.group(1));
                m.appendReplacement(jdbc, "?");
            }
            m.appendTail(jdbc);
            return new Statement(name, jdbc.toString(), parameters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Streams every row the hub reads for {@code agencies} of {@code year} on {@code threads}
     * connections, reading every column of every row.
     */
    public Result read(int year, List<String> agencies, int threads) throws SQLException {
        long started = System.nanoTime();
        AtomicLong rows = new AtomicLong();
        AtomicLong ledger = new AtomicLong();
        try (Connection c = connect()) {
            for (String name : RUN_SQL) {
                Statement s = load(name);
                try (PreparedStatement ps = c.prepareStatement(s.sql())) {
                    bind(ps, s, year, List.of());
                    rows.addAndGet(drain(ps, null));
                }
            }
        }
        List<Statement> perAgency = AGENCY_SQL.stream().map(PlainBaseline::load).toList();
        // Batches as the hub reads them: one query per table for up to BATCH agencies.
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < agencies.size(); from += BATCH) {
            batches.add(agencies.subList(from, Math.min(agencies.size(), from + BATCH)));
        }
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    try (Connection c = connect()) {
                        List<PreparedStatement> statements = new ArrayList<>();
                        for (Statement s : perAgency) {
                            statements.add(c.prepareStatement(s.sql()));
                        }
                        for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                            for (int q = 0; q < perAgency.size(); q++) {
                                Statement s = perAgency.get(q);
                                bind(statements.get(q), s, year, batches.get(i));
                                rows.addAndGet(drain(statements.get(q), "appropriations".equals(s.name()) ? ledger : null));
                            }
                        }
                        for (PreparedStatement ps : statements) {
                            ps.close();
                        }
                    }
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof SQLException s) {
                        throw s;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(rows.get(), ledger.get(), System.nanoTime() - started, 0, 0, 0);
    }

    /**
     * Writes files of the given sizes (relative path → bytes) under a new temporary folder with plain
     * writes, no fsync, on {@code threads} threads; the folder is removed afterwards, outside the timing.
     */
    public static Result write(Map<String, Long> files, int threads) throws IOException {
        Path dir = Files.createTempDirectory("hub-baseline-");
        long max = files.values().stream().mapToLong(Long::longValue).max().orElse(0);
        byte[] buffer = new byte[(int) Math.min(max, 1 << 20)];
        for (int i = 0; i < buffer.length; i++) {
            buffer[i] = (byte) ('a' + i % 26);
        }
        List<Map.Entry<String, Long>> list = new ArrayList<>(files.entrySet());
        AtomicInteger next = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < list.size(); i = next.getAndIncrement()) {
                        Path file = dir.resolve(list.get(i).getKey());
                        Files.createDirectories(file.getParent());
                        long size = list.get(i).getValue();
                        try (OutputStream out = Files.newOutputStream(file)) {
                            for (long left = size; left > 0; left -= buffer.length) {
                                out.write(buffer, 0, (int) Math.min(left, buffer.length));
                            }
                        }
                        bytes.addAndGet(size);
                    }
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            pool.shutdownNow();
        }
        long nanos = System.nanoTime() - started;
        FileSystemUtils.deleteRecursively(dir);
        return new Result(0, 0, 0, bytes.get(), list.size(), nanos);
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, user, password);
        c.setReadOnly(true);
        return c;
    }

    private static void bind(PreparedStatement ps, Statement s, int year, List<String> codes) throws SQLException {
        for (int i = 0; i < s.parameters().size(); i++) {
            switch (s.parameters().get(i)) {
                case "year" -> ps.setInt(i + 1, year);
                case "previousYear" -> ps.setInt(i + 1, year - 1);
                case "codes", "departments" -> ps.setArray(i + 1, ps.getConnection().createArrayOf("varchar", codes.toArray(String[]::new)));
                default -> throw new IllegalStateException("sql/" + s.name() + ".sql: unknown parameter " + s.parameters().get(i));
            }
        }
    }

    /** Reads every column of every row; counts the rows, and into {@code ledger} those with a ledger entry. */
    private static long drain(PreparedStatement ps, AtomicLong ledger) throws SQLException {
        long n = 0;
        try (ResultSet rs = ps.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            int entry = -1;
            if (ledger != null) {
                for (int c = 1; c <= columns; c++) {
                    if ("entry_id".equalsIgnoreCase(rs.getMetaData().getColumnLabel(c))) {
                        entry = c;
                    }
                }
            }
            while (rs.next()) {
                for (int c = 1; c <= columns; c++) {
                    rs.getObject(c);
                }
                if (entry > 0 && rs.getObject(entry) != null) {
                    ledger.incrementAndGet();
                }
                n++;
            }
        }
        return n;
    }
}
