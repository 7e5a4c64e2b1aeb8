package org.budgethub.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.budgethub.model.AgencyExtract;
import org.budgethub.model.Disclosure;
import org.budgethub.render.DisclosureJson;
import org.budgethub.render.FiscalDataPackage;
import org.budgethub.render.HtmlRenderer;
import org.budgethub.render.PdfRenderer;
import org.budgethub.render.XlsxRenderer;

/**
 * Renders an agency's package (disclosure.json, the HTML page, PDF, XLSX and the Open Fiscal Data
 * Package) and writes its manifest. The content hash is the SHA-256 of disclosure.json: the model,
 * not the renderings, decides whether a package changed.
 */
public final class PackageAssembler {

    public static final String MANIFEST = "manifest.json";
    public static final String DONE_MARKER = "package.done";
    public static final String HTML = "disclosure.html";
    public static final String PDF = "disclosure.pdf";
    public static final String XLSX = "disclosure.xlsx";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final PdfRenderer pdf;
    private final CmsProperties.Metadata metadata;

    /** @param pdf the PDF renderer, or null when no CJK font is available (the package then has no PDF) */
    public PackageAssembler(PdfRenderer pdf, CmsProperties.Metadata metadata) {
        this.pdf = pdf;
        this.metadata = metadata;
    }

    /** The content files, in upload order; the manifest comes after them. */
    public List<PackageFile> contentFiles(Disclosure disclosure, AgencyExtract extract) {
        List<PackageFile> files = new ArrayList<>();
        files.add(new PackageFile(DisclosureJson.FILE_NAME, DisclosureJson.write(disclosure)));
        files.add(new PackageFile(HTML, HtmlRenderer.render(disclosure).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        if (pdf != null) {
            files.add(new PackageFile(PDF, pdf.render(disclosure)));
        }
        files.add(new PackageFile(XLSX, XlsxRenderer.render(disclosure)));
        for (Map.Entry<String, byte[]> e : FiscalDataPackage.render(extract, disclosure).entrySet()) {
            files.add(new PackageFile(e.getKey(), e.getValue()));
        }
        return files;
    }

    /** The package's disclosure.json: the model the package was rendered from. */
    public static PackageFile disclosureJson(List<PackageFile> files) {
        return files.stream().filter(f -> f.name().equals(DisclosureJson.FILE_NAME)).findFirst()
                .orElseThrow(() -> new IllegalStateException("a package needs its disclosure.json"));
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
        cms.put("索引号", fill(metadata.getIndexPattern(), d, version));
        cms.put("发布机构", fill(metadata.getPublisher(), d, version));
        cms.put("主题分类", metadata.getTopic());
        cms.put("体裁分类", metadata.getGenre());
        cms.put("栏目", metadata.getColumn());
        cms.put("成文日期", metadata.getWrittenDate() == null || metadata.getWrittenDate().isBlank()
                ? published.toString() : metadata.getWrittenDate());
        cms.put("发布日期", published.toString());
        ArrayNode list = root.putArray("files");
        for (PackageFile f : files) {
            list.addObject().put("name", f.name()).put("size", f.size()).put("sha256", f.sha256());
        }
        try {
            return new PackageFile(MANIFEST, JSON.writeValueAsBytes(root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The done marker names the manifest it completes, so a CMS can check it has the right one. */
    public static PackageFile doneMarker(PackageFile manifest, int version) {
        String text = "version " + version + "\nmanifest.json sha256 " + manifest.sha256() + "\n";
        return new PackageFile(DONE_MARKER, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String fill(String pattern, Disclosure d, int version) {
        return pattern.replace("{agency}", d.agencyCode()).replace("{agencyName}", d.agencyName())
                .replace("{year}", Integer.toString(d.fiscalYear())).replace("{version}", Integer.toString(version));
    }
}
