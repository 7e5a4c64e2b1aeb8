package org.budgethub.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The TrueType (glyf outlines) CJK font of the PDF renderer: the file an operator names in
 * {@value #PROPERTY}, else Noto Sans SC Regular, which the build unpacks from Maven Central
 * ({@code com.helger.font:ph-fonts-noto-sans-sc}, SIL OFL 1.1) into the jar. System fonts are not
 * searched: every machine then embeds the same font, so a PDF does not change with what a host
 * happens to have installed, and a fresh machine with only a JDK renders Chinese text.
 * openhtmltopdf/PDFBox cannot embed CFF-based fonts such as Noto CJK ("OTF fonts do not have a glyf
 * table"): {@link PdfRenderer} refuses them.
 */
public final class CjkFont {

    /** The configuration key operators use to name a font file. */
    public static final String PROPERTY = "hub.render.font";

    /** The bundled font on the class path (unpacked by maven-dependency-plugin at generate-resources). */
    public static final String BUNDLED = "fonts/ttf/NotoSansSC/NotoSansSC-Regular.ttf";

    /** The bundled font's licence, next to it. */
    public static final String BUNDLED_LICENCE = "fonts/ttf/NotoSansSC/OFL.txt";

    private static Path bundledCopy;

    private CjkFont() {
    }

    /**
     * The configured font when {@code configured} is non-blank (it must exist), else the bundled Noto Sans SC.
     *
     * @throws IllegalStateException when the configured file is missing or the bundled font is not on the class path
     */
    public static Path find(String configured) {
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.trim());
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("The configured CJK font " + path.toAbsolutePath() + " (" + PROPERTY
                        + ") does not exist or is not a file; leave " + PROPERTY + " empty for the bundled Noto Sans SC");
            }
            return path;
        }
        return bundled();
    }

    /**
     * The bundled font as a file: itself when the class path is a folder (the build, the tests), else
     * (inside the jar) a copy made once per JVM in the temporary folder and deleted at exit.
     */
    public static synchronized Path bundled() {
        if (bundledCopy != null && Files.isRegularFile(bundledCopy)) {
            return bundledCopy;
        }
        URL url = CjkFont.class.getClassLoader().getResource(BUNDLED);
        if (url == null) {
            throw new IllegalStateException("The bundled font " + BUNDLED + " is not on the class path (the build unpacks it from "
                    + "com.helger.font:ph-fonts-noto-sans-sc at generate-resources); set " + PROPERTY + " to a TrueType CJK font file");
        }
        try {
            if ("file".equals(url.getProtocol())) {
                bundledCopy = Path.of(url.toURI());
                return bundledCopy;
            }
            Path copy = Files.createTempFile("hub-NotoSansSC-Regular-", ".ttf");
            copy.toFile().deleteOnExit();
            try (InputStream in = url.openStream()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            bundledCopy = copy;
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the bundled font " + url + " to a temporary file", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Bad class path URL of the bundled font: " + url, e);
        }
    }
}
