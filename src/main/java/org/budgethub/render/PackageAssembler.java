package org.budgethub.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.budgethub.model.AgencyExtract;
import org.budgethub.model.AgencyWork;
import org.budgethub.model.Attestation;
import org.budgethub.model.Disclosure;
import org.budgethub.model.DisclosureId;
import org.budgethub.model.PackageFile;

/**
 * The render stage: an agency's package (disclosure.json, the HTML page, PDF, XLSX and the Open
 * Fiscal Data Package), and its manifest. The content hash is the SHA-256 of disclosure.json: the
 * model, not the renderings, decides whether a package changed.
 *
 * <p>Each format is rendered only when its input changed: the page, the PDF and the workbook are
 * made from the disclosure alone, so when disclosure.json is byte for byte that of the package's
 * newest stored version they are taken from that version as stored. disclosure.json itself and
 * the fiscal data package (made from the extract's appropriations, which disclosure.json does not
 * hold) are always made anew; a forced run renders everything.
 */
public final class PackageAssembler {

    private static final Logger LOG = LoggerFactory.getLogger(PackageAssembler.class);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The files made from the disclosure alone, which an unchanged disclosure.json lets a build reuse. */
    static final List<String> DISCLOSURE_RENDERINGS = List.of(PackageLayout.HTML, PackageLayout.PDF, PackageLayout.XLSX);

    private final PdfRenderer pdf;
    private final CmsMetadata metadata;
    private final StoredPackages stored;

    /**
     * The packages already built: a package's newest version and the files kept with it.
     * The delivery record gives them ({@code DeliveryRecords.storedPackages()}).
     */
    public interface StoredPackages {

        /** Nothing stored: every build renders every file. */
        StoredPackages NONE = new StoredPackages() {
            @Override
            public Optional<StoredVersion> latest(DisclosureId id) {
                return Optional.empty();
            }

            @Override
            public Optional<byte[]> file(StoredVersion version, String name) {
                return Optional.empty();
            }
        };

        /** The package's newest version with its disclosure.json as kept; empty when there is none or its files were not kept. */
        Optional<StoredVersion> latest(DisclosureId id);

        /** One file of that version as it was built. */
        Optional<byte[]> file(StoredVersion version, String name);
    }

    /** A stored version of a package: its delivery id, version number and disclosure.json. */
    public record StoredVersion(long id, int version, byte[] disclosureJson) {
    }

    /**
     * @param pdf the PDF renderer, or null when no CJK font is available (the package then has no PDF);
     *            nothing stored is reused
     */
    public PackageAssembler(PdfRenderer pdf, CmsMetadata metadata) {
        this(pdf, metadata, StoredPackages.NONE);
    }

    /**
     * @param pdf    the PDF renderer, or null when no CJK font is available (the package then has no PDF)
     * @param stored the packages built before, whose renderings an unchanged disclosure reuses
     */
    public PackageAssembler(PdfRenderer pdf, CmsMetadata metadata, StoredPackages stored) {
        this.pdf = pdf;
        this.metadata = metadata;
        this.stored = stored;
    }

    /**
     * The stage's entry: renders the content files once; a retried delivery reuses them. What the
     * newest stored version of an unchanged disclosure holds is taken from it, unless the run is forced.
     *
     * @return the work, with its files (the route's body goes on to publish)
     */
    public AgencyWork render(AgencyWork work) {
        if (work.files() == null) {
            Disclosure d = work.disclosure();
            // Keyed as the publisher records versions: by the disclosure's year and code.
            work.setFiles(work.force() ? contentFiles(d, work.extract())
                    : contentFiles(new DisclosureId(d.fiscalYear(), d.agencyCode()), d, work.extract()));
        }
        return work;
    }

    /** The content files, in upload order, every one rendered; the manifest comes after them. */
    public List<PackageFile> contentFiles(Disclosure disclosure, AgencyExtract extract) {
        return contentFiles(disclosure, extract, DisclosureJson.write(disclosure), Map.of());
    }

    /**
     * The content files, in upload order, taking the page, PDF and workbook from the package's newest
     * stored version when its disclosure.json is this one; the manifest comes after them.
     */
    public List<PackageFile> contentFiles(DisclosureId id, Disclosure disclosure, AgencyExtract extract) {
        byte[] json = DisclosureJson.write(disclosure);
        Map<String, byte[]> reused = new LinkedHashMap<>();
        Optional<StoredVersion> previous = stored.latest(id).filter(v -> Arrays.equals(v.disclosureJson(), json));
        previous.ifPresent(v -> {
            for (String name : DISCLOSURE_RENDERINGS) {
                if (!name.equals(PackageLayout.PDF) || pdf != null) {
                    stored.file(v, name).ifPresent(content -> reused.put(name, content));
                }
            }
            LOG.debug("{} {}: disclosure unchanged since version {}, reusing its {}", id.year(), id.code(), v.version(), reused.keySet());
        });
        return contentFiles(disclosure, extract, json, reused);
    }

    private List<PackageFile> contentFiles(Disclosure disclosure, AgencyExtract extract, byte[] json, Map<String, byte[]> reused) {
        List<PackageFile> files = new ArrayList<>();
        files.add(new PackageFile(PackageLayout.DISCLOSURE_JSON, json));
        // One walk of the model for the page and the PDF's copy of it, and none when both are reused.
        HtmlRenderer.Page page = reused.containsKey(PackageLayout.HTML) && (pdf == null || reused.containsKey(PackageLayout.PDF))
                ? null : HtmlRenderer.page(disclosure);
        files.add(new PackageFile(PackageLayout.HTML, reused.containsKey(PackageLayout.HTML) ? reused.get(PackageLayout.HTML)
                : page.html().getBytes(StandardCharsets.UTF_8)));
        if (pdf != null) {
            files.add(new PackageFile(PackageLayout.PDF, reused.containsKey(PackageLayout.PDF) ? reused.get(PackageLayout.PDF)
                    : pdf.render(disclosure, page)));
        }
        files.add(new PackageFile(PackageLayout.XLSX, reused.containsKey(PackageLayout.XLSX) ? reused.get(PackageLayout.XLSX)
                : XlsxRenderer.render(disclosure)));
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

    /**
     * An approved version's files with the approval's attestations, and whether they were printed.
     *
     * @param printed whether the page (and the PDF, where the package has one) carry them under the 说明's title
     */
    public record Attested(List<PackageFile> files, boolean printed) {
    }

    /**
     * The files of a version as they go to the website once approved: {@code stored} (the version's
     * files as kept, manifest last) with the attestations in the manifest (an {@code attestations}
     * object before {@code files}), and, when {@code print} and the attestations are complete, the page
     * and the PDF made again with {@link Attestation#printedLine()} under the 说明's title. The other
     * files and the rest of the manifest (version, content hash, correction, CMS metadata) stay as
     * built; the manifest lists every file anew, so the result verifies as any built version does.
     * disclosure.json, and with it the content hash, never changes: attestations are the approval's,
     * not the disclosure's.
     *
     * @throws IllegalArgumentException when {@code stored} has no manifest or disclosure.json, or the page cannot take the line
     */
    public Attested attested(List<PackageFile> stored, Attestation attestation, boolean print) {
        PackageFile manifest = stored.stream().filter(f -> PackageLayout.MANIFEST.equals(f.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("a stored version needs its manifest.json"));
        List<PackageFile> content = new ArrayList<>(stored.stream().filter(f -> f != manifest).toList());
        boolean printed = false;
        if (print && attestation.complete()) {
            printed = print(content, attestation.printedLine());
        }
        ObjectNode built;
        try {
            built = (ObjectNode) JSON.readTree(manifest.content());
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("manifest.json cannot be read", e);
        }
        ObjectNode root = JSON.createObjectNode();
        built.fields().forEachRemaining(field -> {
            if (field.getKey().equals("files")) {
                root.set("attestations", attestations(attestation));
                root.set("files", fileList(content));
            } else if (!field.getKey().equals("attestations")) {
                root.set(field.getKey(), field.getValue());
            }
        });
        if (!root.has("files")) {
            root.set("attestations", attestations(attestation));
            root.set("files", fileList(content));
        }
        List<PackageFile> files = new ArrayList<>(content);
        try {
            files.add(new PackageFile(PackageLayout.MANIFEST, JSON.writeValueAsBytes(root)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Attested(List.copyOf(files), printed);
    }

    /** The manifest's {@code attestations}: what the reviewer confirmed, who approved and when (ISO 8601, the hub's zone). */
    private static ObjectNode attestations(Attestation a) {
        ObjectNode node = JSON.createObjectNode();
        node.put("secrecyReviewed", a.secrecyReviewed());
        node.put("leaderSigned", a.leaderSigned());
        node.put("signer", a.signer());
        node.put("approvedBy", a.approvedBy());
        node.put("approvedAt", a.approvedAt() == null ? null : a.approvedAt().toString());
        return node;
    }

    private static ArrayNode fileList(List<PackageFile> files) {
        ArrayNode list = JSON.createArrayNode();
        for (PackageFile f : files) {
            list.addObject().put("name", f.name()).put("size", f.size()).put("sha256", f.sha256());
        }
        return list;
    }

    /**
     * Prints {@code line} under the 说明's title of the page, and of the PDF laid out again from that
     * page (the same document otherwise: PdfRendererIT), replacing them in {@code content}.
     * A package without a page is left alone; one whose PDF cannot be made here (no PDF renderer)
     * keeps its PDF as built, and the log says so. @return whether the page was printed
     */
    private boolean print(List<PackageFile> content, String line) {
        int html = indexOf(content, PackageLayout.HTML);
        if (html < 0) {
            return false;
        }
        String page = HtmlRenderer.withAttestations(new String(content.get(html).content(), StandardCharsets.UTF_8), line);
        content.set(html, new PackageFile(PackageLayout.HTML, page.getBytes(StandardCharsets.UTF_8)));
        int pdfFile = indexOf(content, PackageLayout.PDF);
        if (pdfFile >= 0) {
            JsonNode json;
            try {
                json = JSON.readTree(disclosureJson(content).content());
            } catch (IOException e) {
                throw new IllegalArgumentException("disclosure.json cannot be read", e);
            }
            if (pdf == null) {
                LOG.warn("{} 年 {}：没有可用的 PDF 字体，PDF 未印出发布前确认（网页已印出）", json.path("fiscalYear").asInt(),
                        json.path("agency").path("code").asText());
            } else {
                List<String> tables = new ArrayList<>();
                json.path("tables").forEach(t -> tables.add(t.path("no").asText()));
                PdfRenderer.Document document = PdfRenderer.Document.of(json.path("fiscalYear").asInt(),
                        json.path("agency").path("code").asText(), text(json.path("title")), text(json.path("agency").path("name")), tables);
                content.set(pdfFile, new PackageFile(PackageLayout.PDF, pdf.render(document, HtmlRenderer.pdfCopy(page))));
            }
        }
        return true;
    }

    /** A string of disclosure.json as the model had it: null where it was null. */
    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static int indexOf(List<PackageFile> files, String name) {
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
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
