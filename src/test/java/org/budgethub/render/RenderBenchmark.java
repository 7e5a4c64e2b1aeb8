package org.budgethub.render;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.apache.fontbox.ttf.TrueTypeCollection;

import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Disclosure;
import org.budgethub.publish.CmsProperties;
import org.budgethub.publish.PackageAssembler;
import org.budgethub.support.SeedDisclosure;

/**
 * A small local benchmark of the renderers, not a test: the seed disclosure rendered as many times
 * as there are "agencies", on 1 and on 2 threads, one format at a time, then the whole package as
 * the render stage builds it. Prints ms per agency (wall time over the agencies: what a run of N
 * agencies costs), the speed-up of 2 threads over 1, what each agency allocates and the GC time.
 *
 * <pre>
 * ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx2g -cp target/test-classes:target/classes:$(cat target/cp.txt) org.budgethub.render.RenderBenchmark [agencies] [warm-up]
 * </pre>
 *
 * {@code -Dformats=PDF,XLSX} runs only those (of HTML, PDF, XLSX, package); add
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

        PackageAssembler assembler = new PackageAssembler(pdf, new CmsProperties.Metadata("{agency}-{year}-{version}",
                "{agencyName}", "财政预决算", "预算", "部门预算", null));
        List<Format> formats = List.of(
                new Format("HTML", d -> HtmlRenderer.render(d).getBytes(StandardCharsets.UTF_8).length),
                new Format("PDF", d -> pdf.render(d).length),
                new Format("XLSX", d -> XlsxRenderer.render(d).length),
                new Format("package", d -> assembler.contentFiles(d, extract).stream().mapToInt(f -> f.content().length).sum()));

        System.out.printf(Locale.ROOT, "%-8s %11s %11s %6s %11s %11s %13s %13s %8s %8s%n", "format", "ms/ag @1", "ms/ag @2", "1÷2",
                "cpu ms @1", "cpu ms @2", "MB alloc @1", "MB alloc @2", "GC ms @1", "GC ms @2");
        List<String> only = List.of(System.getProperty("formats", "HTML,PDF,XLSX,package").split(","));
        for (Format f : formats) {
            if (!only.contains(f.name())) {
                continue;
            }
            run(f, many.subList(0, warmUp), 1);
            run(f, many.subList(0, warmUp), 2);
            List<Disclosure> measured = many.subList(warmUp, warmUp + agencies);
            // 1, 2, 2, 1: a machine that gets busier or quieter during the run weighs on both alike.
            Result one = run(f, measured, 1);
            Result two = run(f, measured, 2);
            two = two.plus(run(f, measured, 2));
            one = one.plus(run(f, measured, 1));
            System.out.printf(Locale.ROOT, "%-8s %11.1f %11.1f %6.2f %11.1f %11.1f %13.1f %13.1f %8d %8d%n", f.name(), one.msPerAgency(),
                    two.msPerAgency(), one.msPerAgency() / two.msPerAgency(), one.cpuMsPerAgency(), two.cpuMsPerAgency(),
                    one.mbPerAgency(), two.mbPerAgency(), one.gcMs(), two.gcMs());
        }
        System.out.println("ms/ag: wall time over the agencies; cpu ms: the worker threads' CPU time per agency (the same @1 and @2"
                + " unless the threads get in each other's way); MB alloc: allocated per agency; GC ms: collector time of the runs");
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
