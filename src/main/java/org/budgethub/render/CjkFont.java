package org.budgethub.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds a TrueType (glyf outlines) CJK font for the PDF renderer. openhtmltopdf/PDFBox cannot
 * embed CFF-based fonts such as Noto CJK ("OTF fonts do not have a glyf table"), so those are
 * never picked. The result is a .ttf or a .ttc collection (the renderer takes its first font).
 */
public final class CjkFont {

    /** The configuration key operators use to name a font file. */
    public static final String PROPERTY = "hub.render.font";

    /** Known-good Debian fonts, in order of preference. */
    public static final List<Path> PREFERRED = List.of(
            Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
            Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
            Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
            Path.of("/usr/share/fonts/truetype/arphic/uming.ttc"));

    /** Folders searched when none of {@link #PREFERRED} is installed. */
    public static final List<Path> FONT_DIRS = List.of(Path.of("/usr/share/fonts"), Path.of("/usr/local/share/fonts"));

    private static final List<String> NAME_HINTS = List.of("wqy", "droid", "uming", "ukai", "cjk");

    private CjkFont() {
    }

    /**
     * The configured font when {@code configured} is non-blank (it must exist), else the first
     * installed known font.
     *
     * @throws IllegalStateException when the configured file is missing or no suitable font is installed
     */
    public static Path find(String configured) {
        return find(configured, PREFERRED, FONT_DIRS);
    }

    static Path find(String configured, List<Path> preferred, List<Path> dirs) {
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.trim());
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("The configured CJK font " + path.toAbsolutePath() + " (" + PROPERTY
                        + ") does not exist or is not a file");
            }
            return path;
        }
        for (Path p : preferred) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        for (Path dir : dirs) {
            Optional<Path> found = scan(dir);
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new IllegalStateException("No TrueType CJK font found (looked for " + preferred + " and *.ttf/*.ttc named "
                + NAME_HINTS + " under " + dirs + "; Noto CJK does not work, its outlines are CFF): "
                + "install Debian's fonts-wqy-zenhei (apt-get install fonts-wqy-zenhei) or set " + PROPERTY
                + " to a TrueType CJK font file");
    }

    private static Optional<Path> scan(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            // Sorted, so the same machine always gives the same font.
            return files.filter(Files::isRegularFile).filter(CjkFont::candidate).sorted().findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot search " + dir + " for a CJK font", e);
        } catch (UncheckedIOException e) {
            // An unreadable sub-folder: treat the folder as holding nothing usable.
            return Optional.empty();
        }
    }

    static boolean candidate(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String path = file.toString().toLowerCase(Locale.ROOT);
        if (!(name.endsWith(".ttf") || name.endsWith(".ttc"))) {
            return false;
        }
        if (name.contains("noto") || path.contains("noto-cjk")) {
            return false;
        }
        return NAME_HINTS.stream().anyMatch(name::contains);
    }
}
