package org.budgethub.render;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.apache.fontbox.ttf.TrueTypeCollection;

import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Disclosure;
import org.budgethub.model.DisclosureId;
import org.budgethub.model.PackageFile;
import org.budgethub.support.SeedDisclosure;

/**
 * A small local benchmark of the renderers, not a test: the seed disclosure rendered as many times
 * as there are "agencies", on 1 and on 2 threads, one format at a time, then the whole package as
 * the render stage builds it, then the package of an unchanged disclosure. Prints ms per agency (wall time over the agencies: what a run of N
 * agencies costs), the speed-up of 2 threads over 1, what each agency allocates and the GC time.
 *
 * <pre>
 * ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx2g -cp target/test-classes:target/classes:$(cat target/cp.txt) org.budgethub.render.RenderBenchmark [agencies] [warm-up]
 * </pre>
 *
 * {@code -Dformats=PDF,XLSX} runs only those (of HTML, PDF, XLSX, package, and unchanged: the package of a
 * disclosure whose stored version has the same disclosure.json; also XLSX-POI, the workbook as POI built it
 * before: {@code -Dformats=XLSX-POI,XLSX} puts the two side by side), {@code -Dparallel=4} compares
 * 1 thread with 4 instead of 2; add
 * {@code -XX:StartFlightRecording=filename=target/render.jfr,settings=profile} to see where the time and the locks go.
 *
 * Each agency gets its own code and title, so nothing can serve one agency's rendering to another.
 * On a machine shared with other builds the wall times move by 10–20 %: compare runs side by side, and
 * read the CPU time per agency for whether the threads get in each other's way. To compare with an
 * older renderer, put its classes first on the class path.
 */
public final class RenderBenchmark {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private RenderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int agencies = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path font = CjkFont.find(System.getProperty(CjkFont.PROPERTY));
        Disclosure seed = SeedDisclosure.disclosure();
        AgencyExtract extract = SeedDisclosure.extract();
        List<Disclosure> many = new ArrayList<>();
        for (int i = 0; i < agencies + warmUp; i++) {
            many.add(new Disclosure(seed.fiscalYear(), seed.agencyCode() + "-" + i, seed.agencyName(), seed.title() + " " + i,
                    seed.tables(), seed.narrative(), seed.findings(), seed.units()));
        }
        System.out.printf(Locale.ROOT, "font %s, %d agencies (after %d warm-up), %d processors, java %s%n", font, agencies, warmUp,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));

        long fontStart = System.nanoTime();
        PdfRenderer pdf = new PdfRenderer(font);
        long constructed = System.nanoTime() - fontStart;
        System.out.printf(Locale.ROOT, "PdfRenderer constructed in %.1f ms%n", constructed / 1e6);
        printFontLoad(font);

        CmsMetadata metadata = new CmsMetadata("{agency}-{year}-{version}", "{agencyName}", "财政预决算", "预算",
                "部门预算", null);
        PackageAssembler assembler = new PackageAssembler(pdf, metadata);
        // "unchanged": the package of a disclosure whose newest stored version has the same disclosure.json.
        Map<DisclosureId, Long> versionIds = new ConcurrentHashMap<>();
        Map<Long, List<PackageFile>> kept = new ConcurrentHashMap<>();
        List<String> only = List.of(System.getProperty("formats", "HTML,PDF,XLSX,package,unchanged").split(","));
        // Made only when measured, so the benchmark also runs on an older PackageAssembler put first on the class path.
        PackageAssembler reusing = only.contains("unchanged") ? reusing(pdf, metadata, versionIds, kept) : null;
        List<Format> formats = List.of(
                new Format("HTML", d -> HtmlRenderer.render(d).getBytes(StandardCharsets.UTF_8).length),
                new Format("PDF", d -> pdf.render(d).length),
                new Format("XLSX", d -> XlsxRenderer.render(d).length),
                new Format("XLSX-POI", d -> PoiXlsxRenderer.render(d).length),
                new Format("package", d -> assembler.contentFiles(d, extract).stream().mapToInt(f -> f.content().length).sum()),
                new Format("unchanged", d -> reusing.contentFiles(new DisclosureId(d.fiscalYear(), d.agencyCode()), d, extract).stream()
                        .mapToInt(f -> f.content().length).sum()));

        int n = Integer.getInteger("parallel", 2);
        System.out.printf(Locale.ROOT, "%-9s %11s %11s %6s %11s %11s %13s %13s %8s %8s%n", "format", "ms/ag @1", "ms/ag @" + n,
                "1÷" + n, "cpu ms @1", "cpu ms @" + n, "MB alloc @1", "MB alloc @" + n, "GC ms @1", "GC ms @" + n);
        // The JIT first: every format's code compiled before any is measured, so the first measured is not the slowest for it.
        for (Format f : formats) {
            if (only.contains(f.name()) && !f.name().equals("unchanged")) {
                run(f, many.subList(0, warmUp), 2);
            }
        }
        for (Format f : formats) {
            if (!only.contains(f.name())) {
                continue;
            }
            if (f.name().equals("unchanged")) {
                for (Disclosure d : many) { // what the delivery record keeps of an earlier run
                    long id = versionIds.size() + 1;
                    kept.put(id, assembler.contentFiles(d, extract));
                    versionIds.put(new DisclosureId(d.fiscalYear(), d.agencyCode()), id);
                }
            }
            run(f, many.subList(0, warmUp), 1);
            run(f, many.subList(0, warmUp), n);
            List<Disclosure> measured = many.subList(warmUp, warmUp + agencies);
            // 1, n, n, 1: a machine that gets busier or quieter during the run weighs on both alike.
            Result one = run(f, measured, 1);
            Result two = run(f, measured, n);
            two = two.plus(run(f, measured, n));
            one = one.plus(run(f, measured, 1));
            System.out.printf(Locale.ROOT, "%-9s %11.1f %11.1f %6.2f %11.1f %11.1f %13.1f %13.1f %8d %8d%n", f.name(), one.msPerAgency(),
                    two.msPerAgency(), one.msPerAgency() / two.msPerAgency(), one.cpuMsPerAgency(), two.cpuMsPerAgency(),
                    one.mbPerAgency(), two.mbPerAgency(), one.gcMs(), two.gcMs());
        }
        System.out.println("ms/ag: wall time over the agencies; cpu ms: the worker threads' CPU time per agency (the same @1 and @2"
                + " unless the threads get in each other's way); MB alloc: allocated per agency; GC ms: collector time of the runs");
        System.out.printf(Locale.ROOT, "heap: peak %.0f MB used, %.0f MB committed; process: peak RSS %s%n", peakHeap() / 1e6,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / 1e6, peakRss());
    }

    private static double peakHeap() {
        double sum = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** VmHWM of /proc/self/status (Linux), else "n/a". */
    private static String peakRss() {
        try {
            return java.nio.file.Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                    .map(l -> l.substring(6).trim()).findFirst().orElse("n/a");
        } catch (java.io.IOException | RuntimeException e) {
            return "n/a";
        }
    }

    /** An assembler whose stored versions are {@code kept}, by the version id {@code versionIds} gives each agency. */
    private static PackageAssembler reusing(PdfRenderer pdf, CmsMetadata metadata, Map<DisclosureId, Long> versionIds,
                                            Map<Long, List<PackageFile>> kept) {
        return new PackageAssembler(pdf, metadata, new PackageAssembler.StoredPackages() {
            @Override
            public Optional<PackageAssembler.StoredVersion> latest(DisclosureId id) {
                return Optional.ofNullable(versionIds.get(id)).map(v -> new PackageAssembler.StoredVersion(v, 1,
                        PackageAssembler.disclosureJson(kept.get(v)).content()));
            }

            @Override
            public Optional<byte[]> file(PackageAssembler.StoredVersion version, String name) {
                return kept.get(version.id()).stream().filter(f -> f.name().equals(name)).map(PackageFile::content).findFirst();
            }
        });
    }

    /**
     * What reading the font costs: every face of the collection, as the renderer did for every
     * document before issue 12, against the first face only, as {@link PdfRenderer#loadFont} does once per renderer.
     */
    private static void printFontLoad(Path font) throws Exception {
        double all = 0;
        double first = 0;
        int times = 5;
        for (int i = 0; i <= times; i++) {
            long start = System.nanoTime();
            if (font.toString().endsWith(".ttc")) {
                try (TrueTypeCollection collection = new TrueTypeCollection(font.toFile())) {
                    collection.processAllFonts(f -> f.getNumberOfGlyphs());
                }
            }
            long between = System.nanoTime();
            try {
                PdfRenderer.loadFont(font).getNumberOfGlyphs();
            } catch (NoSuchMethodError e) { // the renderer before issue 12, on the class path to compare
                System.out.printf(Locale.ROOT, "font load: every face of the collection %.1f ms (this PdfRenderer reads it for every document)%n",
                        (between - start) / 1e6);
                return;
            }
            long end = System.nanoTime();
            if (i > 0) { // the first round warms up
                all += (between - start) / 1e6;
                first += (end - between) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "font load, mean of %d: every face of the collection %.1f ms, first face only %.1f ms%n",
                times, all / times, first / times);
    }

    private record Format(String name, Function<Disclosure, Integer> render) {
    }

    private record Result(int runs, double msPerAgency, double cpuMsPerAgency, double mbPerAgency, long gcMs) {

        /** The mean of two runs, GC time summed. */
        Result plus(Result o) {
            int n = runs + o.runs;
            return new Result(n, (msPerAgency * runs + o.msPerAgency * o.runs) / n, (cpuMsPerAgency * runs + o.cpuMsPerAgency * o.runs) / n,
                    (mbPerAgency * runs + o.mbPerAgency * o.runs) / n, gcMs + o.gcMs);
        }
    }

    private static Result run(Format format, List<Disclosure> agencies, int threads) throws Exception {
        System.gc();
        long gcBefore = gcMillis();
        AtomicLong allocated = new AtomicLong();
        AtomicLong cpu = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<Integer>> done = new ArrayList<>();
            for (Disclosure d : agencies) {
                done.add(pool.submit(() -> {
                    long bytes = THREADS.getCurrentThreadAllocatedBytes();
                    long nanos = THREADS.getCurrentThreadCpuTime();
                    int size = format.render().apply(d);
                    cpu.addAndGet(THREADS.getCurrentThreadCpuTime() - nanos);
                    allocated.addAndGet(THREADS.getCurrentThreadAllocatedBytes() - bytes);
                    return size;
                }));
            }
            for (Future<Integer> f : done) {
                if (f.get() <= 0) {
                    throw new IllegalStateException(format.name() + " rendered nothing");
                }
            }
            long elapsed = System.nanoTime() - start;
            int n = agencies.size();
            return new Result(1, elapsed / 1e6 / n, cpu.get() / 1e6 / n, allocated.get() / 1e6 / n, gcMillis() - gcBefore);
        } finally {
            pool.shutdown();
        }
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }
}
