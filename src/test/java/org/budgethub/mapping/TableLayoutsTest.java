package org.budgethub.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.budgethub.mapping.TableLayouts.HeaderCell;
import org.budgethub.mapping.TableLayouts.Layout;

/**
 * The one layout of 表一–表九 against the seed document itself: its text (seed/seed-unit-2026.txt, a
 * copy of /work/shared/seed/000_09b7dbda0689a2b4.txt: one line per table row, cells separated by tabs,
 * a heading too wide for its cell wrapped with a space or, under a tall cell, spilled into the rows
 * below) and its published figures (seed/seed-unit-2026.json, the golden file). Nothing expected here
 * is restated from the code.
 */
class TableLayoutsTest {

    private static final List<String> SEED = lines(resource("/seed/seed-unit-2026.txt"));
    private static final JsonNode GOLDEN = golden();
    private static final int YEAR = GOLDEN.path("fiscalYear").asInt();

    @Test
    void everyTableHasTheSeedsTitleAndHeaderAndItsFirstRowFollows() {
        for (String no : TableLayouts.numbers()) {
            Layout layout = TableLayouts.of(no, YEAR).orElseThrow();
            int at = SEED.indexOf(no);
            assertThat(at).as(no + " in the seed").isNotNegative();
            int title = nextNonBlank(at);
            assertThat(layout.title()).as(no + " title").isEqualTo(SEED.get(title));
            assertThat(layout.title()).as(no + " title in the golden file").isEqualTo(table(no).path("title").asText());
            int unit = title;
            while (!SEED.get(unit).contains("万元")) {
                unit++;
            }
            int line = unit;
            for (int r = 0; r < layout.headerRows(); r++) {
                line = nextNonBlank(line);
                assertHeaderRow(layout, r, cells(SEED.get(line)));
            }
            // the header is as tall as the seed's: what follows it is the table's first row
            List<String> first = new ArrayList<>();
            table(no).path("rows").get(0).forEach(c -> first.add(c.asText()));
            assertThat(cells(SEED.get(nextNonBlank(line)))).as(no + " first row after the header").isEqualTo(first);
        }
    }

    /**
     * A heading starting at a cell is the seed's text there (a tall one may have wrapped into the rows
     * it spans: then the seed shows its beginning); a cell under a tall heading shows nothing or a piece
     * of it; a cell a wide heading covers shows nothing.
     */
    private static void assertHeaderRow(Layout layout, int row, List<String> seed) {
        String where = layout.no() + " header row " + (row + 1);
        assertThat(seed).as(where + " width").hasSize(layout.width());
        for (int col = 0; col < layout.width(); col++) {
            HeaderCell cell = covering(layout, row, col);
            String text = unwrapped(cell.text());
            String shown = unwrapped(seed.get(col));
            String at = where + " column " + (col + 1);
            if (cell.row() == row && cell.col() == col) {
                if (cell.rowSpan() > 1) {
                    assertThat(shown).as(at).isNotEmpty();
                    assertThat(text).as(at + ", wrapped into the rows below").startsWith(shown);
                } else {
                    assertThat(text).as(at).isEqualTo(shown);
                }
            } else if (cell.col() == col) {
                assertThat(text).as(at + ", under " + cell.text()).contains(shown);
            } else {
                assertThat(shown).as(at + ", beside " + cell.text()).isEmpty();
            }
        }
    }

    @Test
    void theFundsAreNamedAsTable6AndTable1NameThem() {
        JsonNode rows = table("表六").path("rows");
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= Fund.values().length; i++) {
            labels.add(rows.get(i).get(0).asText());
        }
        assertThat(Arrays.stream(Fund.values()).map(Fund::label).toList()).isEqualTo(labels);
        JsonNode table1 = table("表一").path("rows");
        for (int i = 0; i < Fund.APPROPRIATED.size(); i++) {
            assertThat(Fund.APPROPRIATED.get(i).label()).isEqualTo(table1.get(1 + i).get(0).asText());
        }
    }

    @Test
    void columnNamesDoNotDependOnTheYear() {
        for (String no : TableLayouts.numbers()) {
            assertThat(TableLayouts.of(no, YEAR).orElseThrow().columns())
                    .isEqualTo(TableLayouts.of(no, YEAR + 1).orElseThrow().columns());
        }
        assertThat(TableLayouts.of("表十", YEAR)).isEmpty();
    }

    private static HeaderCell covering(Layout layout, int row, int col) {
        return layout.cells().stream()
                .filter(c -> c.row() <= row && row < c.row() + c.rowSpan() && c.col() <= col && col < c.col() + c.colSpan())
                .findFirst().orElseThrow(() -> new AssertionError(layout.no() + " (" + row + ", " + col + ") has no heading"));
    }

    /** A seed cell as typed: the PDF's line wrapping (and the space in "2026 年") left out. */
    private static String unwrapped(String text) {
        return text.replaceAll("\\s+", "");
    }

    private static List<String> cells(String line) {
        return List.of(line.split("\t", -1));
    }

    private static int nextNonBlank(int line) {
        int i = line + 1;
        while (SEED.get(i).isBlank()) {
            i++;
        }
        return i;
    }

    private static JsonNode table(String no) {
        for (JsonNode t : GOLDEN.path("tables")) {
            if (t.path("no").asText().equals(no)) {
                return t;
            }
        }
        throw new AssertionError(no + " not in the golden file");
    }

    private static List<String> lines(String text) {
        return text.lines().toList();
    }

    private static JsonNode golden() {
        try {
            return new ObjectMapper().readTree(resource("/seed/seed-unit-2026.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = TableLayoutsTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
