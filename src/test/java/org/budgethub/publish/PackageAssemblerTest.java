package org.budgethub.publish;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.budgethub.model.Disclosure;
import org.budgethub.model.PackageFile;
import org.budgethub.render.CjkFont;
import org.budgethub.render.HtmlRenderer;
import org.budgethub.render.PackageLayout;
import org.budgethub.render.PdfRenderer;
import org.budgethub.render.XlsxRenderer;
import org.budgethub.support.SeedDisclosure;

/** The render stage's package: each file as its renderer makes it, the model walked once for the page and the PDF. */
class PackageAssemblerTest {

    static final CmsProperties.Metadata METADATA = new CmsProperties.Metadata("{agency}/{year}-YSGK-{version}",
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
}
