package org.budgethub.review;

import java.io.IOException;
import java.io.OutputStream;
import java.security.Principal;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import org.budgethub.model.DisclosureId;
import org.budgethub.publish.DeliveryRecords.Delivery;
import org.budgethub.publish.DeliveryRecords.StoredFile;
import org.budgethub.publish.DeliveryRecords;
import org.budgethub.publish.PackageDiff;
import org.budgethub.publish.Publisher;
import org.budgethub.render.PackageLayout;
import org.budgethub.web.ConsolePages;
import org.budgethub.web.Downloads;

/**
 * Every version of a package as it was built, read-only (viewers too): each file previewed (the
 * page, the PDF) or downloaded, the whole package as a zip laid out as on the CMS, and the diff of
 * any two versions, figure by figure and sentence by sentence. The files come from the delivery
 * record, never from a path: a version's files are looked up by their stored names.
 */
@Controller
public class VersionController {

    private final DeliveryRecords records;
    private final Publisher publisher;
    private final ConsolePages pages;
    private final ReviewLooks looks;

    public VersionController(DeliveryRecords records, Publisher publisher, ConsolePages pages, ReviewLooks looks) {
        this.looks = looks;
        this.records = records;
        this.publisher = publisher;
        this.pages = pages;
    }

    /** One file of a version: the page and the PDF shown in place unless {@code download}, the rest downloaded. */
    @GetMapping("/console/agencies/{code}/versions/{version}/files/{name}")
    public void file(@PathVariable String code, @PathVariable int version, @PathVariable String name,
                     @RequestParam(required = false) Integer year, @RequestParam(defaultValue = "false") boolean download,
                     Principal user, HttpServletResponse response) throws IOException {
        Delivery d = version(year(year), code, version);
        StoredFile file = records.storedFiles(d.id()).stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "第 " + version + " 版没有文件 " + name));
        boolean inline = !download && Downloads.previewable(name);
        if (inline && user != null) {
            // the review card says 已查看 once its reviewer opened the page or the PDF, here or on the review page
            looks.looked(d.id(), user.getName());
        }
        response.setContentType(Downloads.contentType(name).toString());
        response.setContentLengthLong(file.size());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Downloads.disposition(inline,
                d.agencyCode() + "-" + d.fiscalYear() + "-v" + d.version() + "-" + name, baseName(d) + "-" + name));
        if (PackageLayout.HTML.equals(name)) {
            // The package page is shown as it will be published, but never with the console's rights.
            response.setHeader("Content-Security-Policy", PreviewController.PACKAGE_PAGE_POLICY);
        }
        records.copyFile(d.id(), name, response.getOutputStream());
    }

    /** The whole version as a zip, its files under {@code <year>/<code>/v<n>/} as on the CMS, manifest last. */
    @GetMapping("/console/agencies/{code}/versions/{version}/package.zip")
    public void zip(@PathVariable String code, @PathVariable int version, @RequestParam(required = false) Integer year,
                    HttpServletResponse response) throws IOException {
        Delivery d = version(year(year), code, version);
        List<StoredFile> files = records.storedFiles(d.id()).stream().filter(f -> Downloads.safeName(f.name())).toList();
        if (files.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "第 " + version + " 版没有保存文件");
        }
        String folder = PackageLayout.versionFolder(new DisclosureId(d.fiscalYear(), d.agencyCode()), d.version()) + "/";
        response.setContentType(Downloads.ZIP.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, Downloads.disposition(false,
                d.agencyCode() + "-" + d.fiscalYear() + "-v" + d.version() + ".zip", baseName(d) + ".zip"));
        OutputStream out = response.getOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (StoredFile f : files) {
                ZipEntry entry = new ZipEntry(folder + f.name());
                // the build time, so the same version always zips the same
                entry.setTime(d.createdAt().toEpochMilli());
                zip.putNextEntry(entry);
                records.copyFile(d.id(), f.name(), zip);
                zip.closeEntry();
            }
        }
    }

    /** The small form on the agency page and the diff page: any two versions. */
    @GetMapping("/console/agencies/{code}/versions/compare")
    public String compare(@PathVariable String code, @RequestParam(required = false) Integer year, @RequestParam int from,
                          @RequestParam int to) {
        ConsolePages.checkAgency(code);
        return "redirect:/console/agencies/" + code + "/versions/" + from + "/diff/" + to + "?year=" + year(year);
    }

    /** What changed from version {@code a} to version {@code b}: cells, rows and sentences. */
    @GetMapping("/console/agencies/{code}/versions/{a}/diff/{b}")
    public String diff(@PathVariable String code, @PathVariable int a, @PathVariable int b, @RequestParam(required = false) Integer year,
                       Principal user, Model model) {
        int y = year(year);
        Delivery older = version(y, code, a);
        Delivery newer = version(y, code, b);
        if (user != null) {
            looks.looked(newer.id(), user.getName());
        }
        PackageDiff diff = null;
        String problem = null;
        try {
            diff = PackageDiff.of(older.disclosureJson(), newer.disclosureJson());
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        DisclosureId id = new DisclosureId(y, code);
        model.addAttribute("code", code);
        model.addAttribute("year", y);
        model.addAttribute("agencyName", newer.agencyName() != null ? newer.agencyName() : older.agencyName());
        model.addAttribute("older", older);
        model.addAttribute("newer", newer);
        model.addAttribute("olderLocation", publisher.location(id, a) + "/");
        model.addAttribute("newerLocation", publisher.location(id, b) + "/");
        model.addAttribute("diff", diff);
        model.addAttribute("problem", problem);
        model.addAttribute("versions", records.versionStates(y, code));
        return "console/diff";
    }

    private int year(Integer year) {
        return year == null ? pages.defaultYear() : ConsolePages.checkYear(year);
    }

    /** The version, or a 404 that says which of agency and version is unknown. */
    private Delivery version(int year, String code, int version) {
        ConsolePages.checkAgency(code);
        return records.version(year, code, version).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                records.latest(year, code).isEmpty() ? year + " 年没有单位或部门 " + code + " 的公开包版本"
                        : year + " 年 " + code + " 没有第 " + version + " 版"));
    }

    /** "重庆市江北区…-2026年-第2版": what a saved file is called in the operator's words. */
    private static String baseName(Delivery d) {
        String who = d.agencyName() == null || d.agencyName().isBlank() ? d.agencyCode() : d.agencyName();
        return who + "-" + d.fiscalYear() + "年-第" + d.version() + "版";
    }
}
