package org.budgethub.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;

import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Appropriation;
import org.budgethub.support.PackageCheckers;
import org.budgethub.support.SeedDisclosure;

/**
 * The seed package's page and data package through the checkers the field uses on published
 * disclosures: the Nu Html Checker, axe-core in Chromium (also as a 390 px phone and as printed),
 * and the Frictionless fiscal-data-package profile.
 */
class PublishedPageCheckersIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The rule sets of the website team's axe run. */
    private static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice");

    /** Validates a descriptor against the profiles datapackage-js ships, then reads its resource with its schema. */
    private static final String DATAPACKAGE_CHECK = """
            const fs = require('fs'); const path = require('path');
            const { Profile, Package } = require('datapackage');
            (async () => {
              const file = process.argv[1];
              const d = JSON.parse(fs.readFileSync(file, 'utf8'));
              const out = { profiles: {} };
              for (const name of ['data-package', 'tabular-data-package', 'fiscal-data-package']) {
                const copy = Object.assign({}, d, name === 'fiscal-data-package' ? {} : { profile: name });
                const errors = (await Profile.load(name)).validate(copy).errors.map(e => e.message.replace(/\\s+/g, ' '));
                // The fiscal profile's allOf[0] is the tabular one, which pins "profile": no fiscal package satisfies both.
                out.profiles[name] = errors.filter(m => !(name === 'fiscal-data-package'
                    && /No enum match for: "fiscal-data-package" at "\\/profile"/.test(m)));
              }
              const dp = await Package.load(file, { basePath: path.dirname(file) });
              const r = dp.resources[0];
              const rows = await r.read({ keyed: true, cast: true });
              out.resource = { name: r.name, valid: r.valid, errors: r.errors.map(e => e.message), rows: rows.length,
                cents: rows.reduce((s, row) => s + Math.round(Number(row.amount) * 100), 0) };
              console.log(JSON.stringify(out));
            })().catch(e => { console.log(JSON.stringify({ failed: String(e), errors: (e.errors || []).map(x => x.message) })); });
            """;

    @TempDir
    static Path dir;

    private static Path html;

    @BeforeAll
    static void writePackage() throws Exception {
        html = dir.resolve("disclosure.html");
        Files.writeString(html, HtmlRenderer.render(SeedDisclosure.disclosure()), StandardCharsets.UTF_8);
        for (Map.Entry<String, byte[]> f : FiscalDataPackage.render(SeedDisclosure.extract(), SeedDisclosure.disclosure()).entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
    }

    @Test
    void thePageIsValidForTheNuHtmlChecker() {
        PackageCheckers.Result nu = PackageCheckers.nuChecker(html);
        assertThat(nu.stdout() + nu.stderr()).as("Nu Html Checker errors").isEmpty();
        assertThat(nu.exitCode()).isZero();
    }

    /** As published with hub.publish.print-attestations: the attestations' line under the 说明's title. */
    @Test
    void thePagePrintedWithTheAttestationsIsValidTooAndAxeAgrees() throws Exception {
        Path printed = dir.resolve("printed.html");
        Files.writeString(printed, HtmlRenderer.withAttestations(HtmlRenderer.render(SeedDisclosure.disclosure()),
                "保密审查：已审查\u3000签发人：张三"), StandardCharsets.UTF_8);
        PackageCheckers.Result nu = PackageCheckers.nuChecker(printed);
        assertThat(nu.stdout() + nu.stderr()).as("Nu Html Checker errors").isEmpty();
        assertThat(nu.exitCode()).isZero();
        ChromeDriver browser = PackageCheckers.chromium(Files.createTempDirectory(dir, "chromium"), null);
        try {
            browser.get(printed.toUri().toString());
            assertThat(axeViolations(browser)).as("axe-core violations").isEmpty();
        } finally {
            browser.quit();
        }
    }

    @Test
    void axeCoreFindsNoViolations() throws Exception {
        ChromeDriver browser = PackageCheckers.chromium(Files.createTempDirectory(dir, "chromium"), null);
        try {
            browser.get(html.toUri().toString());
            assertThat(axeViolations(browser)).as("axe-core violations").isEmpty();
        } finally {
            browser.quit();
        }
    }

    /** On a 390 px phone the text is body size, nothing but a wide table's own box scrolls sideways, and axe agrees. */
    @Test
    void thePageReadsOnAPhone() throws Exception {
        ChromeDriver phone = PackageCheckers.chromium(Files.createTempDirectory(dir, "phone"), 390);
        try {
            phone.get(html.toUri().toString());
            @SuppressWarnings("unchecked")
            Map<String, Object> layout = (Map<String, Object>) phone.executeScript("""
                    const px = e => parseFloat(getComputedStyle(e).fontSize);
                    const boxes = [...document.querySelectorAll('.table-box')];
                    return {
                      viewport: window.innerWidth,
                      pageWidth: document.documentElement.scrollWidth,
                      paragraphPx: Math.min(...[...document.querySelectorAll('article p')].map(px)),
                      cellPx: Math.min(...[...document.querySelectorAll('td, th')].map(px)),
                      tables: document.querySelectorAll('table').length,
                      boxes: boxes.length,
                      boxesWithinViewport: boxes.every(b => b.getBoundingClientRect().right <= window.innerWidth + 0.5),
                      scrollingBoxes: boxes.filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.querySelector('caption .no').textContent),
                      scrollable: boxes.every(b => getComputedStyle(b).overflowX === 'auto')
                    };""");
            assertThat(((Number) layout.get("viewport")).intValue()).as("layout viewport = the phone's width (meta viewport)").isEqualTo(390);
            assertThat(((Number) layout.get("pageWidth")).intValue()).as("the page itself does not scroll sideways").isLessThanOrEqualTo(390);
            assertThat(((Number) layout.get("paragraphPx")).doubleValue()).as("说明 text size in CSS px").isGreaterThanOrEqualTo(15);
            assertThat(((Number) layout.get("cellPx")).doubleValue()).as("table text size in CSS px").isGreaterThanOrEqualTo(13);
            assertThat(layout.get("boxes")).isEqualTo(layout.get("tables"));
            assertThat(layout.get("boxesWithinViewport")).isEqualTo(true);
            assertThat(layout.get("scrollable")).isEqualTo(true);
            // The twelve-column tables are wider than a phone: they scroll inside their box.
            assertThat((List<Object>) layout.get("scrollingBoxes")).contains("表七", "表九");
            assertThat(axeViolations(phone)).as("axe-core violations on a phone").isEmpty();
        } finally {
            phone.quit();
        }
    }

    /** Printing from a browser keeps the A4 layout the PDF has: landscape sections 267 mm wide, no screen margins. */
    @Test
    void printingKeepsTheA4Layout() throws Exception {
        ChromeDriver browser = PackageCheckers.chromium(Files.createTempDirectory(dir, "print"), null);
        try {
            browser.get(html.toUri().toString());
            browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
            @SuppressWarnings("unchecked")
            Map<String, Object> print = (Map<String, Object>) browser.executeScript("""
                    const wide = document.querySelector('section.wide');
                    return { wideMm: wide.getBoundingClientRect().width * 25.4 / 96,
                             bodyMargin: getComputedStyle(document.body).paddingLeft,
                             paragraphPt: parseFloat(getComputedStyle(document.querySelector('article p')).fontSize) * 72 / 96 };""");
            assertThat(((Number) print.get("wideMm")).doubleValue()).isCloseTo(267.0, org.assertj.core.data.Offset.offset(0.5));
            assertThat(print.get("bodyMargin")).isEqualTo("0px");
            assertThat(((Number) print.get("paragraphPt")).doubleValue()).isCloseTo(11.0, org.assertj.core.data.Offset.offset(0.05));
        } finally {
            browser.quit();
        }
    }

    @Test
    void theDataPackageValidatesAgainstTheFiscalDataPackageProfile() throws Exception {
        AgencyExtract extract = SeedDisclosure.extract();
        JsonNode result = checkDataPackage(dir.resolve(PackageLayout.DATAPACKAGE));
        result.path("profiles").fields().forEachRemaining(p ->
                assertThat(p.getValue()).as(p.getKey() + " profile errors").isEmpty());
        assertThat(result.path("profiles").has("fiscal-data-package")).isTrue();

        List<Appropriation> counted = extract.appropriations().stream()
                .filter(a -> a.fiscalYear() == extract.year() && a.counted()).toList();
        long cents = counted.stream().map(Appropriation::amount).reduce(BigDecimal.ZERO, BigDecimal::add).movePointRight(2).longValueExact();
        JsonNode resource = result.path("resource");
        assertThat(resource.path("valid").asBoolean()).as(resource.toString()).isTrue();
        assertThat(resource.path("rows").asInt()).isEqualTo(counted.size());
        assertThat(resource.path("cents").asLong()).as("sum of the amounts read with the schema, in fen").isEqualTo(cents);
    }

    /** A department's package holds its units' lines: each row is administered by its own unit, named as such. */
    @Test
    void aDepartmentsDataPackageValidatesToo() throws Exception {
        AgencyExtract department = DepartmentExtract.of101();
        Path folder = Files.createDirectories(dir.resolve("department"));
        for (Map.Entry<String, byte[]> f : FiscalDataPackage.render(department, null).entrySet()) {
            Files.write(folder.resolve(f.getKey()), f.getValue());
        }
        JsonNode result = checkDataPackage(folder.resolve(PackageLayout.DATAPACKAGE));
        result.path("profiles").fields().forEachRemaining(p ->
                assertThat(p.getValue()).as(p.getKey() + " profile errors").isEmpty());
        assertThat(result.path("resource").path("valid").asBoolean()).isTrue();
        assertThat(result.path("resource").path("rows").asInt())
                .isEqualTo((int) department.appropriations().stream().filter(a -> a.fiscalYear() == 2026 && a.counted()).count());
    }

    static JsonNode checkDataPackage(Path descriptor) throws Exception {
        PackageCheckers.Result run = PackageCheckers.node(DATAPACKAGE_CHECK, descriptor.toString());
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        JsonNode result = JSON.readTree(run.stdout());
        assertThat(result.has("failed")).as(run.stdout()).isFalse();
        return result;
    }

    @SuppressWarnings("unchecked")
    private static List<String> axeViolations(ChromeDriver browser) throws Exception {
        browser.executeScript(Files.readString(PackageCheckers.axeScript(), StandardCharsets.UTF_8));
        Object raw = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag', values: arguments[0] }, resultTypes: ['violations'] })
                   .then(r => done(r.violations.map(v => v.id + ' [' + v.impact + '] ' + v.help + ': '
                       + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))
                   .catch(e => done(['axe failed: ' + e]));""", AXE_TAGS);
        return (List<String>) raw;
    }
}
