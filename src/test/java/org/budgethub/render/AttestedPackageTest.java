package org.budgethub.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.budgethub.model.Attestation;
import org.budgethub.model.Cell;
import org.budgethub.model.Disclosure;
import org.budgethub.model.FigureTable;
import org.budgethub.model.NarrativeSection;
import org.budgethub.model.PackageFile;
import org.budgethub.publish.PackageIntegrity;

/**
 * An approved version's files with its attestations, on a hand-made package without Spring, a
 * database or a PDF: the manifest carries them and lists the files anew, so the version verifies
 * as a built one does; printed, the page has the line under the 说明's title and nothing else changed.
 */
class AttestedPackageTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CmsMetadata METADATA = new CmsMetadata("{agency}/{year}-YSGK-{version}", "{agencyName}", "财政", "预决算",
            "部门预算", "");
    private static final OffsetDateTime AT = OffsetDateTime.of(2026, 1, 21, 10, 15, 30, 0, ZoneOffset.ofHours(8));
    private static final Attestation SIGNED = new Attestation(true, true, "张三<李四>", "reviewer", AT);

    private static final Disclosure DISCLOSURE = new Disclosure(2026, "101023", "重庆市某某局", "重庆市某某局 2026 年单位预算情况说明",
            List.of(new FigureTable("表一", "收支总表", List.of(List.of(Cell.text("收入"), Cell.amount(new java.math.BigDecimal("15878800")))), null),
                    new FigureTable("表二", "收入总表", List.of(List.of(Cell.text("合计"), Cell.amount(java.math.BigDecimal.TEN))), null)),
            List.of(new NarrativeSection("一、单位基本情况", List.of("（一）职能职责", "负责全区的某某工作。"))), List.of());

    private final PackageAssembler assembler = new PackageAssembler(null, METADATA);

    /** A built version as stored: content files, then the manifest. */
    private List<PackageFile> built() {
        List<PackageFile> content = List.of(new PackageFile(PackageLayout.DISCLOSURE_JSON, DisclosureJson.write(DISCLOSURE)),
                new PackageFile(PackageLayout.HTML, HtmlRenderer.render(DISCLOSURE).getBytes(StandardCharsets.UTF_8)),
                new PackageFile(PackageLayout.CSV, "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));
        List<PackageFile> files = new ArrayList<>(content);
        files.add(assembler.manifest(DISCLOSURE, content, 2, "更正说明：…", LocalDate.of(2026, 1, 20)));
        return files;
    }

    private static Map<String, PackageFile> byName(List<PackageFile> files) {
        return files.stream().collect(Collectors.toMap(PackageFile::name, Function.identity()));
    }

    private static String text(PackageFile f) {
        return new String(f.content(), StandardCharsets.UTF_8);
    }

    @Test
    void theManifestCarriesTheAttestationsAndTheVersionStillVerifies() throws Exception {
        List<PackageFile> built = built();
        PackageAssembler.Attested attested = assembler.attested(built, SIGNED, false);

        assertThat(attested.printed()).isFalse();
        assertThat(attested.files()).extracting(PackageFile::name).containsExactly(PackageLayout.DISCLOSURE_JSON, PackageLayout.HTML,
                PackageLayout.CSV, PackageLayout.MANIFEST);
        assertThat(PackageIntegrity.problem(attested.files())).isEmpty();
        JsonNode manifest = JSON.readTree(byName(attested.files()).get(PackageLayout.MANIFEST).content());
        JsonNode a = manifest.path("attestations");
        assertThat(a.path("secrecyReviewed").asBoolean()).isTrue();
        assertThat(a.path("leaderSigned").asBoolean()).isTrue();
        assertThat(a.path("signer").asText()).isEqualTo("张三<李四>");
        assertThat(a.path("approvedBy").asText()).isEqualTo("reviewer");
        assertThat(a.path("approvedAt").asText()).isEqualTo("2026-01-21T10:15:30+08:00");
        // The rest is the build's, in its order, the attestations right before the files.
        JsonNode was = JSON.readTree(byName(built).get(PackageLayout.MANIFEST).content());
        List<String> keys = new ArrayList<>();
        manifest.fieldNames().forEachRemaining(keys::add);
        List<String> builtKeys = new ArrayList<>();
        was.fieldNames().forEachRemaining(builtKeys::add);
        builtKeys.add(builtKeys.indexOf("files"), "attestations");
        assertThat(keys).isEqualTo(builtKeys);
        for (String key : List.of("format", "fiscalYear", "agency", "title", "version", "contentHash", "correction", "cms", "files")) {
            assertThat(manifest.path(key)).as(key).isEqualTo(was.path(key));
        }
        // Content files untouched: the same bytes as built.
        for (PackageFile f : built.subList(0, built.size() - 1)) {
            assertThat(byName(attested.files()).get(f.name()).content()).as(f.name()).isEqualTo(f.content());
        }
    }

    @Test
    void approvingAgainReplacesTheAttestationsRatherThanAddingASecondSet() throws Exception {
        List<PackageFile> once = assembler.attested(built(), SIGNED, true).files();
        Attestation other = new Attestation(true, true, "王五", "reviewer-2", AT.plusDays(1));
        List<PackageFile> twice = assembler.attested(once, other, true).files();

        JsonNode manifest = JSON.readTree(byName(twice).get(PackageLayout.MANIFEST).content());
        assertThat(manifest.path("attestations").path("signer").asText()).isEqualTo("王五");
        String page = text(byName(twice).get(PackageLayout.HTML));
        assertThat(page).contains("签发人：王五").doesNotContain("李四");
        assertThat(page.split("class=\"attestations\"", -1)).hasSize(2);
        assertThat(PackageIntegrity.problem(twice)).isEmpty();
    }

    @Test
    void printedThePageHasTheLineUnderTheTitleEscapedAndNothingElseChanges() throws Exception {
        List<PackageFile> built = built();
        PackageAssembler.Attested attested = assembler.attested(built, SIGNED, true);

        assertThat(attested.printed()).isTrue();
        assertThat(PackageIntegrity.problem(attested.files())).isEmpty();
        String before = text(byName(built).get(PackageLayout.HTML));
        String after = text(byName(attested.files()).get(PackageLayout.HTML));
        String line = "<p class=\"attestations\">保密审查：已审查\u3000签发人：张三&lt;李四&gt;</p>\n";
        assertThat(after).contains("<h1>重庆市某某局 2026 年单位预算情况说明</h1>\n" + line + "<section>");
        assertThat(after.replace(line, "")).isEqualTo(before);
        assertThat(byName(attested.files()).get(PackageLayout.DISCLOSURE_JSON).content())
                .as("the content hash stays the build's").isEqualTo(byName(built).get(PackageLayout.DISCLOSURE_JSON).content());
        JsonNode manifest = JSON.readTree(byName(attested.files()).get(PackageLayout.MANIFEST).content());
        assertThat(manifest.path("files").findValuesAsText("sha256"))
                .contains(byName(attested.files()).get(PackageLayout.HTML).sha256())
                .doesNotContain(byName(built).get(PackageLayout.HTML).sha256());
    }

    @Test
    void incompleteAttestationsAreRecordedButNotPrinted() throws Exception {
        Attestation partial = new Attestation(true, false, null, "reviewer", AT);
        PackageAssembler.Attested attested = assembler.attested(built(), partial, true);

        assertThat(attested.printed()).isFalse();
        assertThat(text(byName(attested.files()).get(PackageLayout.HTML))).doesNotContain("class=\"attestations\"");
        JsonNode a = JSON.readTree(byName(attested.files()).get(PackageLayout.MANIFEST).content()).path("attestations");
        assertThat(a.path("leaderSigned").asBoolean()).isFalse();
        assertThat(a.path("signer").isNull()).isTrue();
    }

    @Test
    void thePdfCopyOfAStoredPageIsTheOneTheBuildLaysOut() {
        HtmlRenderer.Page page = HtmlRenderer.page(DISCLOSURE);

        assertThat(HtmlRenderer.pdfCopy(page.html())).isEqualTo(page.pdfHtml());
        String printed = HtmlRenderer.withAttestations(page.html(), "保密审查：已审查\u3000签发人：张三");
        assertThat(HtmlRenderer.pdfCopy(printed)).isEqualTo(HtmlRenderer.withAttestations(page.pdfHtml(), "保密审查：已审查\u3000签发人：张三"));
    }

    @Test
    void aPageWithoutA说明TitleCannotBePrinted() {
        assertThatThrownBy(() -> HtmlRenderer.withAttestations("<html><body><h1>x</h1></body></html>", "保密审查：已审查"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> assembler.attested(built().subList(0, 2), SIGNED, false)).isInstanceOf(IllegalArgumentException.class);
    }
}
