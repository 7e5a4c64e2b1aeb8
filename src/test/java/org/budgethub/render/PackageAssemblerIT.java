package org.budgethub.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import org.budgethub.model.AgencyWork;
import org.budgethub.model.Disclosure;
import org.budgethub.model.DisclosureId;
import org.budgethub.model.PackageFile;
import org.budgethub.publish.DeliveryRecords;
import org.budgethub.publish.Publisher;
import org.budgethub.support.HubTables;
import org.budgethub.support.SeedDisclosure;

/**
 * The render stage's package: each file as its renderer makes it, the model walked once for the
 * page and the PDF, and an unchanged disclosure's page, PDF and workbook taken from its newest
 * stored version rather than rendered again.
 */
class PackageAssemblerIT {

    static final CmsMetadata METADATA = new CmsMetadata("{agency}/{year}-YSGK-{version}",
            "{agencyName}", "财政", "预决算", "部门预算", "");

    private static PdfRenderer pdf;

    @BeforeAll
    static void font() {
        pdf = new PdfRenderer(CjkFont.find(System.getProperty(CjkFont.PROPERTY)));
    }

    static Map<String, byte[]> byName(List<PackageFile> files) {
        return files.stream().collect(Collectors.toMap(PackageFile::name, PackageFile::content));
    }

    @Test
    void thePackagesPageAndPdfAreWhatTheRenderersMakeAlone() {
        Disclosure seed = SeedDisclosure.disclosure();
        List<PackageFile> files = new PackageAssembler(pdf, METADATA).contentFiles(seed, SeedDisclosure.extract());

        assertThat(files).extracting(PackageFile::name).containsExactly(PackageLayout.DISCLOSURE_JSON, PackageLayout.HTML,
                PackageLayout.PDF, PackageLayout.XLSX, PackageLayout.DATAPACKAGE, PackageLayout.CSV);
        Map<String, byte[]> byName = byName(files);
        assertThat(new String(byName.get(PackageLayout.HTML), StandardCharsets.UTF_8)).isEqualTo(HtmlRenderer.render(seed));
        assertThat(byName.get(PackageLayout.PDF)).isEqualTo(pdf.render(seed));
        assertThat(byName.get(PackageLayout.XLSX)).isEqualTo(XlsxRenderer.render(seed));
    }

    // ---- reusing what the newest stored version holds ----------------------------------------

    /** Stored versions in memory, their files marked so a reused file can be told from a rendered one. */
    private static final class Stored implements PackageAssembler.StoredPackages {

        final Map<String, byte[]> files = new HashMap<>();
        byte[] disclosureJson;
        int reads;

        Stored(Disclosure d, List<String> names) {
            disclosureJson = DisclosureJson.write(d);
            names.forEach(n -> files.put(n, ("as stored with version 3: " + n).getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public Optional<PackageAssembler.StoredVersion> latest(DisclosureId id) {
            return Optional.of(new PackageAssembler.StoredVersion(42, 3, disclosureJson));
        }

        @Override
        public Optional<byte[]> file(PackageAssembler.StoredVersion version, String name) {
            reads++;
            assertThat(version.id()).isEqualTo(42);
            return Optional.ofNullable(files.get(name));
        }
    }

    private static AgencyWork work(Disclosure d, boolean force) {
        AgencyWork work = new AgencyWork(
                new DisclosureId(d.fiscalYear(), d.agencyCode()), null, null, force);
        work.setExtract(SeedDisclosure.extract());
        work.setDisclosure(d);
        return work;
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void anUnchangedDisclosureTakesItsPageAndWorkbookFromTheNewestStoredVersion() {
        Disclosure seed = SeedDisclosure.disclosure();
        Stored stored = new Stored(seed, List.of(PackageLayout.HTML, PackageLayout.PDF, PackageLayout.XLSX,
                PackageLayout.DATAPACKAGE, PackageLayout.CSV));
        AgencyWork work = work(seed, false);

        new PackageAssembler(null, METADATA, stored).render(work);

        Map<String, byte[]> fresh = byName(new PackageAssembler(null, METADATA).contentFiles(seed, SeedDisclosure.extract()));
        Map<String, byte[]> files = byName(work.files());
        assertThat(work.files()).extracting(PackageFile::name).containsExactly(PackageLayout.DISCLOSURE_JSON, PackageLayout.HTML,
                PackageLayout.XLSX, PackageLayout.DATAPACKAGE, PackageLayout.CSV);
        assertThat(text(files.get(PackageLayout.HTML))).isEqualTo("as stored with version 3: disclosure.html");
        assertThat(text(files.get(PackageLayout.XLSX))).isEqualTo("as stored with version 3: disclosure.xlsx");
        // Made anew: the model itself, and the fiscal data package, which comes from the extract's appropriations.
        assertThat(files.get(PackageLayout.DISCLOSURE_JSON)).isEqualTo(fresh.get(PackageLayout.DISCLOSURE_JSON));
        assertThat(files.get(PackageLayout.DATAPACKAGE)).isEqualTo(fresh.get(PackageLayout.DATAPACKAGE));
        assertThat(files.get(PackageLayout.CSV)).isEqualTo(fresh.get(PackageLayout.CSV));
    }

    @Test
    void aChangedDisclosureRendersEveryFile() {
        Disclosure seed = SeedDisclosure.disclosure();
        Disclosure corrected = new Disclosure(seed.fiscalYear(), seed.agencyCode(), seed.agencyName(), seed.title() + "（更正）",
                seed.tables(), seed.narrative(), seed.findings());
        Stored stored = new Stored(seed, List.of(PackageLayout.HTML, PackageLayout.XLSX));
        AgencyWork work = work(corrected, false);

        new PackageAssembler(null, METADATA, stored).render(work);

        Map<String, byte[]> files = byName(work.files());
        assertThat(text(files.get(PackageLayout.HTML))).isEqualTo(HtmlRenderer.render(corrected));
        assertThat(files.get(PackageLayout.XLSX)).isEqualTo(XlsxRenderer.render(corrected));
        assertThat(stored.reads).as("files of a version whose model differs are not even read").isZero();
    }

    @Test
    void aForcedRunRendersEveryFileOfAnUnchangedDisclosure() {
        Disclosure seed = SeedDisclosure.disclosure();
        Stored stored = new Stored(seed, List.of(PackageLayout.HTML, PackageLayout.XLSX));
        AgencyWork work = work(seed, true);

        new PackageAssembler(null, METADATA, stored).render(work);

        Map<String, byte[]> files = byName(work.files());
        assertThat(text(files.get(PackageLayout.HTML))).isEqualTo(HtmlRenderer.render(seed));
        assertThat(files.get(PackageLayout.XLSX)).isEqualTo(XlsxRenderer.render(seed));
    }

    /** What the stored version lacks is rendered (a PDF, now that a font is installed); what this hub makes no longer is left out. */
    @Test
    void theStoredVersionLendsOnlyWhatThePackageHasAndLacksNothing() {
        Disclosure seed = SeedDisclosure.disclosure();
        Stored withoutPdf = new Stored(seed, List.of(PackageLayout.HTML, PackageLayout.XLSX));
        Map<String, byte[]> files = byName(new PackageAssembler(pdf, METADATA, withoutPdf)
                .contentFiles(new DisclosureId(2026, seed.agencyCode()), seed, SeedDisclosure.extract()));
        assertThat(files.get(PackageLayout.PDF)).isEqualTo(pdf.render(seed));
        assertThat(text(files.get(PackageLayout.HTML))).isEqualTo("as stored with version 3: disclosure.html");

        Stored withPdf = new Stored(seed, List.of(PackageLayout.HTML, PackageLayout.PDF, PackageLayout.XLSX));
        List<PackageFile> noFont = new PackageAssembler(null, METADATA, withPdf)
                .contentFiles(new DisclosureId(2026, seed.agencyCode()), seed, SeedDisclosure.extract());
        assertThat(noFont).extracting(PackageFile::name).doesNotContain(PackageLayout.PDF);
    }

    /**
     * Through the delivery record, as the hub wires it: the second build of an unchanged disclosure
     * takes the files kept with version 1 (here altered in the table, so a re-render could not pass
     * for them), and the version stays the one already built.
     */
    @Test
    void theDeliveryRecordsKeptFilesAreWhatAnUnchangedDisclosureReuses() {
        JdbcTemplate hub = HubTables.create();
        Clock clock = Clock.fixed(Instant.parse("2026-01-20T02:00:00Z"), ZoneOffset.UTC);
        DeliveryRecords records = new DeliveryRecords(hub, Duration.ofMinutes(30), clock, "test",
                ZoneId.of("Asia/Shanghai"));
        PackageAssembler assembler = new PackageAssembler(null, METADATA, records.storedPackages());
        Publisher publisher = new Publisher(assembler, records, () -> "sftp://hub@cms:22/packages", Path.of("target"),
                true, clock, ZoneId.of("Asia/Shanghai"));
        Disclosure seed = SeedDisclosure.disclosure();

        AgencyWork first = work(seed, false);
        assembler.render(first);
        publisher.claim(first);
        assertThat(first.awaitingReview()).isTrue();
        assertThat(byName(first.files()).get(PackageLayout.HTML)).isEqualTo(HtmlRenderer.render(seed).getBytes(StandardCharsets.UTF_8));
        hub.update("UPDATE package_file SET content = ? WHERE name = ?", "kept with version 1".getBytes(StandardCharsets.UTF_8),
                PackageLayout.HTML);

        AgencyWork again = work(seed, false);
        assembler.render(again);
        assertThat(text(byName(again.files()).get(PackageLayout.HTML))).isEqualTo("kept with version 1");
        assertThat(byName(again.files()).get(PackageLayout.XLSX)).isEqualTo(byName(first.files()).get(PackageLayout.XLSX));
        publisher.claim(again);
        assertThat(again.outcome()).contains("第 1 版正在等待审核");

        Disclosure corrected = new Disclosure(seed.fiscalYear(), seed.agencyCode(), seed.agencyName(), seed.title() + "（更正）",
                seed.tables(), seed.narrative(), seed.findings());
        AgencyWork changed = work(corrected, false);
        assembler.render(changed);
        assertThat(text(byName(changed.files()).get(PackageLayout.HTML))).isEqualTo(HtmlRenderer.render(corrected));
    }
}
