package org.budgethub.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import org.budgethub.model.AgencyWork;
import org.budgethub.model.DisclosureId;
import org.budgethub.model.PackageFile;
import org.budgethub.render.CmsMetadata;
import org.budgethub.render.PackageAssembler;
import org.budgethub.support.HubTables;
import org.budgethub.support.SeedDisclosure;

/**
 * The render and publish stage beans on the seed's work item, without Camel: rendering once, a
 * local package moved into place whole, and the delivery claim with its retry, skip and failure.
 */
class PublishStageIT {

    private static final CmsMetadata METADATA = new CmsMetadata("{agency}/{year}-YSGK-{version}",
            "{agencyName}", "财政", "预决算", "部门预算", "");

    @TempDir
    Path local;

    private JdbcTemplate hub;
    private PackageAssembler assembler;
    private Publisher publisher;

    @BeforeEach
    void wire() {
        hub = HubTables.create();
        assembler = new PackageAssembler(null, METADATA);
        Clock clock = Clock.fixed(Instant.parse("2026-01-20T02:00:00Z"), ZoneOffset.UTC);
        DeliveryRecords records = new DeliveryRecords(hub, Duration.ofMinutes(30), clock, "test", ZoneId.of("Asia/Shanghai"));
        publisher = new Publisher(assembler, records, () -> "sftp://hub@cms:22/packages", local, false, clock, ZoneId.of("Asia/Shanghai"));
    }

    private AgencyWork rendered(boolean force) {
        AgencyWork work = new AgencyWork(new DisclosureId(2026, "101023"), null, null, force);
        work.setExtract(SeedDisclosure.extract());
        work.setDisclosure(SeedDisclosure.disclosure());
        assembler.render(work);
        return work;
    }

    @Test
    void theRenderStageRendersOnceAndARetryReusesTheFiles() {
        AgencyWork work = rendered(false);
        List<PackageFile> first = work.files();

        assembler.render(work);

        assertThat(work.files()).isSameAs(first);
        assertThat(first).extracting(PackageFile::name).containsExactly("disclosure.json", "disclosure.html", "disclosure.xlsx",
                "datapackage.json", "appropriations.csv");
    }

    @Test
    void aLocalPackageIsWrittenAsideThenMovedIntoPlaceReplacingTheOldOne() throws Exception {
        Files.createDirectories(local.resolve("2026/101023"));
        Files.writeString(local.resolve("2026/101023/stale.txt"), "from an earlier export");
        AgencyWork work = rendered(false);

        List<PackageFile> files = publisher.localPackage(work);
        Path staging = local.resolve(work.version().folder());
        Files.createDirectories(staging);
        for (PackageFile f : files) {
            Files.write(staging.resolve(f.name()), f.content());
        }
        publisher.commitLocal(work);

        assertThat(work.outcome()).isEqualTo("2026/101023/disclosure.json");
        try (var names = Files.list(local.resolve("2026/101023"))) {
            assertThat(names.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("appropriations.csv",
                    "datapackage.json", "disclosure.html", "disclosure.json", "disclosure.xlsx", "manifest.json");
        }
        try (var folders = Files.list(local.resolve("2026"))) {
            assertThat(folders.map(p -> p.getFileName().toString()).toList()).containsExactly("101023");
        }
    }

    @Test
    void aClaimSendsVersionOneAndARetriedUploadSendsTheSameFilesAgain() {
        AgencyWork work = rendered(false);

        List<PackageFile> files = publisher.claim(work);
        assertThat(work.sending()).isTrue();
        assertThat(work.version().version()).isEqualTo(1);
        assertThat(work.version().folder()).isEqualTo("2026/101023/v1");
        assertThat(files.get(files.size() - 1).name()).isEqualTo("manifest.json");

        List<PackageFile> again = publisher.claim(work);
        assertThat(again).extracting(PackageFile::sha256).containsExactlyElementsOf(files.stream().map(PackageFile::sha256).toList());

        publisher.delivered(work);
        assertThat(work.outcome()).isEqualTo("sftp://hub@cms:22/packages/2026/101023/v1");
        assertThat(new String(PackageAssembler.doneMarker(work.version().manifest(), 1).content(), StandardCharsets.UTF_8))
                .startsWith("version 1\nmanifest.json sha256 ");
    }

    @Test
    void unchangedContentAlreadyDeliveredIsNotSentAgainUnlessForced() {
        AgencyWork first = rendered(false);
        publisher.claim(first);
        publisher.delivered(first);

        AgencyWork unchanged = rendered(false);
        assertThat(publisher.claim(unchanged)).isEmpty();
        assertThat(unchanged.sending()).isFalse();
        assertThat(unchanged.skipped()).isTrue();
        assertThat(unchanged.outcome()).startsWith("未发送：自第 1 版以来内容未变");

        AgencyWork forced = rendered(true);
        assertThat(publisher.claim(forced)).isNotEmpty();
        assertThat(forced.version().version()).isEqualTo(2);
    }

    @Test
    void aClaimedVersionThatCouldNotBeDeliveredIsRecordedAndTakenOverByTheNextRun() {
        AgencyWork work = rendered(false);
        publisher.claim(work);

        publisher.failed(work, "Cannot store file: quota");

        assertThat(hub.queryForMap("SELECT status, error FROM delivery WHERE version = 1"))
                .containsEntry("status", "FAILED").containsEntry("error", "Cannot store file: quota");
        AgencyWork next = rendered(false);
        publisher.claim(next);
        assertThat(next.version().version()).as("the same version, taken over").isEqualTo(1);
    }
}
