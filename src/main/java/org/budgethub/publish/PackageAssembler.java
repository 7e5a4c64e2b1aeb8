package org.budgethub.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.budgethub.model.AgencyExtract;
import org.budgethub.model.AgencyWork;
import org.budgethub.model.Disclosure;
import org.budgethub.model.PackageFile;
import org.budgethub.render.DisclosureJson;
import org.budgethub.render.FiscalDataPackage;
import org.budgethub.render.HtmlRenderer;
import org.budgethub.render.PackageLayout;
import org.budgethub.render.PdfRenderer;
import org.budgethub.render.XlsxRenderer;

/**
 * The render stage: an agency's package (disclosure.json, the HTML page, PDF, XLSX and the Open
 * Fiscal Data Package), and its manifest. The content hash is the SHA-256 of disclosure.json: the
 * model, not the renderings, decides whether a package changed.
 */
public final class PackageAssembler {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PdfRenderer pdf;
    private final CmsProperties.Metadata metadata;

    /** @param pdf the PDF renderer, or null when no CJK font is available (the package then has no PDF) */
    public PackageAssembler(PdfRenderer pdf, CmsProperties.Metadata metadata) {
        this.pdf = pdf;
        this.metadata = metadata;
    }

    /** The stage's entry: renders the content files once; a retried delivery reuses them. */
    public void render(AgencyWork work) {
        if (work.files() == null) {
            work.setFiles(contentFiles(work.disclosure(), work.extract()));
        }
    }

    /** The content files, in upload order; the manifest comes after them. */
    public List<PackageFile> contentFiles(Disclosure disclosure, AgencyExtract extract) {
        List<PackageFile> files = new ArrayList<>();
        files.add(new PackageFile(PackageLayout.DISCLOSURE_JSON, DisclosureJson.write(disclosure)));
        // One walk of the model for the page and the PDF's copy of it.
        HtmlRenderer.Page page = HtmlRenderer.page(disclosure);
        files.add(new PackageFile(PackageLayout.HTML, page.html().getBytes(StandardCharsets.UTF_8)));
        if (pdf != null) {
            files.add(new PackageFile(PackageLayout.PDF, pdf.render(disclosure, page)));
        }
        files.add(new PackageFile(PackageLayout.XLSX, XlsxRenderer.render(disclosure)));
        for (Map.Entry<String, byte[]> e : FiscalDataPackage.render(extract, disclosure).entrySet()) {
            files.add(new PackageFile(e.getKey(), e.getValue()));
        }
        return files;
    }

    /** The package's disclosure.json: the model the package was rendered from. */
    public static PackageFile disclosureJson(List<PackageFile> files) {
        return files.stream().filter(f -> f.name().equals(PackageLayout.DISCLOSURE_JSON)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("a package needs its disclosure.json"));
    }

    public static String contentHash(List<PackageFile> files) {
        return disclosureJson(files).sha256();
    }

    /** manifest.json: every file with size and SHA-256, the content hash, the version and the CMS metadata. */
    public PackageFile manifest(Disclosure d, List<PackageFile> files, int version, String correctionNote, LocalDate published) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "budget-disclosure-package/1");
        root.put("fiscalYear", d.fiscalYear());
        root.putObject("agency").put("code", d.agencyCode()).put("name", d.agencyName());
        root.put("title", d.title());
        root.put("version", version);
        root.put("contentHash", "sha256:" + contentHash(files));
        if (correctionNote != null) {
            root.putObject("correction").put("note", correctionNote).put("replacesVersion", version - 1);
        } else {
            root.putNull("correction");
        }
        ObjectNode cms = root.putObject("cms");
        cms.put("索引号", fill(metadata.indexPattern(), d, version));
        cms.put("发布机构", fill(metadata.publisher(), d, version));
        cms.put("主题分类", metadata.topic());
        cms.put("体裁分类", metadata.genre());
        cms.put("栏目", metadata.column());
        cms.put("成文日期", metadata.writtenDate() == null || metadata.writtenDate().isBlank()
                ? published.toString() : metadata.writtenDate());
        cms.put("发布日期", published.toString());
        ArrayNode list = root.putArray("files");
        for (PackageFile f : files) {
            list.addObject().put("name", f.name()).put("size", f.size()).put("sha256", f.sha256());
        }
        try {
            return new PackageFile(PackageLayout.MANIFEST, JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The done marker names the manifest it completes, so a CMS can check it has the right one. */
    public static PackageFile doneMarker(PackageFile manifest, int version) {
        String text = "version " + version + "\nmanifest.json sha256 " + manifest.sha256() + "\n";
        return new PackageFile(PackageLayout.DONE_MARKER, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String fill(String pattern, Disclosure d, int version) {
        return pattern.replace("{agency}", d.agencyCode()).replace("{agencyName}", d.agencyName())
                .replace("{year}", Integer.toString(d.fiscalYear())).replace("{version}", Integer.toString(version));
    }
}
