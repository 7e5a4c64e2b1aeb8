package org.budgethub.web;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.http.MediaType;

import org.budgethub.render.PackageLayout;

/**
 * How the console hands out a package file: its content type by its kind, a short label for its
 * link, and a Content-Disposition whose file name says in Chinese what it is (RFC 6266 with an
 * RFC 5987 {@code filename*}), with a plain ASCII name beside it for clients that read only that.
 */
public final class Downloads {

    public static final MediaType ZIP = MediaType.parseMediaType("application/zip");

    private static final Map<String, MediaType> TYPES = Map.of(
            "html", MediaType.parseMediaType("text/html;charset=utf-8"),
            "pdf", MediaType.APPLICATION_PDF,
            "xlsx", MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            "json", MediaType.parseMediaType("application/json;charset=utf-8"),
            "csv", MediaType.parseMediaType("text/csv;charset=utf-8"),
            "zip", ZIP);

    private static final Map<String, String> LABELS = Map.of(
            PackageLayout.HTML, "HTML",
            PackageLayout.PDF, "PDF",
            PackageLayout.XLSX, "XLSX",
            PackageLayout.DISCLOSURE_JSON, "JSON",
            PackageLayout.CSV, "CSV",
            PackageLayout.DATAPACKAGE, "数据包描述",
            PackageLayout.MANIFEST, "清单");

    /** A file name that is safe as a zip entry and in a header: the hub's own names all are. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private Downloads() {
    }

    public static MediaType contentType(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? MediaType.APPLICATION_OCTET_STREAM
                : TYPES.getOrDefault(name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT), MediaType.APPLICATION_OCTET_STREAM);
    }

    /** Shown in place: the page and the PDF; every other kind is downloaded. */
    public static boolean previewable(String name) {
        return PackageLayout.HTML.equals(name) || PackageLayout.PDF.equals(name);
    }

    public static String label(String name) {
        return LABELS.getOrDefault(name, name);
    }

    public static boolean safeName(String name) {
        return name != null && SAFE_NAME.matcher(name).matches();
    }

    /**
     * {@code attachment; filename="101023-2026-v2-disclosure.pdf"; filename*=UTF-8''…}: the ASCII name
     * from the code, the UTF-8 one from the agency's name (stripped of what a file name cannot hold).
     */
    public static String disposition(boolean inline, String asciiName, String utf8Name) {
        return (inline ? "inline" : "attachment") + "; filename=\"" + ascii(asciiName) + "\"; filename*=UTF-8''" + rfc5987(clean(utf8Name));
    }

    private static String ascii(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String clean(String name) {
        return name.replaceAll("[\\p{Cntrl}/\\\\\"<>:|?*]", "_");
    }

    /** RFC 5987 value-chars: attr-char as it is, every other byte of the UTF-8 form as %XX. */
    public static String rfc5987(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
