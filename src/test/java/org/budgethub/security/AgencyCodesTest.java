package org.budgethub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The codes an admin assigns, checked against a hand-made directory of two years. */
class AgencyCodesTest {

    /** 2025 knows the seed unit and its department; 2026 a new unit too. */
    private final Map<Integer, Set<String>> directory = new HashMap<>(Map.of(
            2025, Set.of("101", "101001", "101023"),
            2026, Set.of("101", "101001", "101023", "101031")));
    private final List<String> rereads = new ArrayList<>();
    private final AgencyCodes codes = new AgencyCodes(() -> new TreeSet<>(directory.keySet()), directory::get,
            (year, code) -> rereads.add(year + "/" + code));

    @Test
    void knownCodesOfAnyYearComeBackSortedAndOnce() {
        assertThat(codes.check(List.of("101031", "101", "101023", "101"))).containsExactly("101", "101023", "101031");
        assertThat(codes.check(List.of())).isEmpty();
        assertThat(rereads).isEmpty();
    }

    @Test
    void unknownCodesAreRefusedByNameAfterTheDirectoryIsAskedAgain() {
        assertThatThrownBy(() -> codes.check(List.of("101023", "999001", "102")))
                .isInstanceOfSatisfying(AgencyCodes.Refused.class, e -> {
                    assertThat(e.kind()).isEqualTo(AgencyCodes.Refused.Kind.UNKNOWN);
                    assertThat(e.codes()).containsExactly("102", "999001");
                })
                .hasMessage("财政系统的任何年度都没有以下单位或部门：102、999001");
        assertThat(rereads).containsExactlyInAnyOrder("2025/102", "2026/102");
    }

    @Test
    void aCodeTheFinanceSystemGainedSinceTheDirectoryWasReadIsTaken() {
        var growing = new AgencyCodes(() -> new TreeSet<>(directory.keySet()), directory::get,
                (year, code) -> directory.put(2026, Set.of("101", "101023", "101031", "101040")));
        assertThat(growing.check(List.of("101040"))).containsExactly("101040");
    }

    @Test
    void malformedCodesAreRefusedBeforeTheDirectoryIsRead() {
        assertThatThrownBy(() -> codes.check(Arrays.asList("101023", "10 1", "../x", null, "")))
                .isInstanceOfSatisfying(AgencyCodes.Refused.class, e -> assertThat(e.kind()).isEqualTo(AgencyCodes.Refused.Kind.MALFORMED))
                .hasMessage("单位代码须为 1–32 位字母、数字、“-”或“_”，以下代码不符合：10 1、../x、（空）、（空）");
        assertThatThrownBy(() -> codes.check(List.of("a".repeat(33)))).isInstanceOf(AgencyCodes.Refused.class);
        assertThatThrownBy(() -> codes.check(List.of("1\n2"))).hasMessageEndingWith("1?2");
        assertThat(rereads).isEmpty();
    }

    @Test
    void aFinanceSystemWithoutYearsChecksNothingAndSaysSo() {
        var none = new AgencyCodes(TreeSet::new, year -> Set.of(), (year, code) -> { });
        assertThat(none.check(List.of())).isEmpty();
        assertThatThrownBy(() -> none.check(List.of("101023")))
                .isInstanceOfSatisfying(AgencyCodes.Refused.class, e -> assertThat(e.kind()).isEqualTo(AgencyCodes.Refused.Kind.NO_DIRECTORY))
                .hasMessageStartingWith("无法核对单位代码");
    }

    @Test
    void aLongRefusalNamesTwentyCodesAndCountsTheRest() {
        List<String> many = IntStream.range(0, 25).mapToObj(i -> "9000" + (10 + i)).toList();
        assertThatThrownBy(() -> codes.check(many)).hasMessageEndingWith("900029 等 25 个");
    }

    @Test
    void anAdminsTextIsSplitOnCommasSpacesAndLineBreaks() {
        assertThat(AgencyCodes.split(" 101023, 101，101031、102001;\n103001\t101023 ")).containsExactly("101023", "101", "101031", "102001", "103001");
        assertThat(AgencyCodes.split("  ")).isEmpty();
        assertThat(AgencyCodes.split(null)).isEmpty();
        assertThat(AgencyCodes.list(List.of())).isEqualTo("（无）");
        assertThat(AgencyCodes.list(List.of("101", "101023"))).isEqualTo("101、101023");
    }
}
