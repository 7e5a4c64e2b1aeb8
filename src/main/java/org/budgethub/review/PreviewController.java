package org.budgethub.review;

import java.nio.file.Path;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The files of an agency's latest package, for preview in the browser: the HTML page, the PDF, the
 * XLSX and the manifest, nothing else. See {@link PackagePreviews} for where they are read from.
 */
@Controller
class PreviewController {

    /**
     * The package page is shown as it will be published, but never with the console's rights; the
     * console alone may frame it. (Security's own policy steps aside for a response that has one.)
     */
    static final String PACKAGE_PAGE_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
            + "frame-ancestors 'self'";

    private final PackagePreviews previews;

    public PreviewController(PackagePreviews previews) {
        this.previews = previews;
    }

    @GetMapping("/console/agencies/{code}/preview")
    public ResponseEntity<Resource> preview(@PathVariable String code, @RequestParam int year) {
        return file(code, "disclosure.html", year);
    }

    @GetMapping("/console/agencies/{code}/files/{name}")
    public ResponseEntity<Resource> file(@PathVariable String code, @PathVariable String name, @RequestParam int year) {
        Path file = previews.find(year, code, name)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        year + " 年 " + code + " 没有可预览的文件 " + name + "：请在单位页的“公开包版本”中打开各个版本的文件"));
        boolean download = name.endsWith(".xlsx");
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(PackagePreviews.contentType(name))
                .header(HttpHeaders.CONTENT_DISPOSITION, (download ? ContentDisposition.attachment() : ContentDisposition.inline())
                        .filename(code + "-" + year + "-" + name).build().toString());
        if (name.endsWith(".html")) {
            response.header("Content-Security-Policy", PACKAGE_PAGE_POLICY);
        }
        return response.body(new FileSystemResource(file));
    }
}
