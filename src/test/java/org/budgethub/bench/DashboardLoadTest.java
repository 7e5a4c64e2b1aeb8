package org.budgethub.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.LongStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DashboardLoadTest {

    @Test
    void percentilesAreNearestRank() {
        List<Long> hundred = LongStream.rangeClosed(1, 100).boxed().toList();
        assertThat(DashboardLoad.percentile(hundred, 50)).isEqualTo(50);
        assertThat(DashboardLoad.percentile(hundred, 99)).isEqualTo(99);
        List<Long> three = List.of(10L, 20L, 30L);
        assertThat(DashboardLoad.percentile(three, 50)).isEqualTo(20);
        assertThat(DashboardLoad.percentile(three, 99)).isEqualTo(30);
    }

    @Test
    void readsTheLoginFormsTokenWhicheverOrderItsAttributesCome() {
        assertThat(DashboardLoad.csrf("<form><input type=\"hidden\" name=\"_csrf\" value=\"a-1\"/></form>")).isEqualTo("a-1");
        assertThat(DashboardLoad.csrf("<input value=\"b-2\" type=\"hidden\" name=\"_csrf\">")).isEqualTo("b-2");
        assertThat(DashboardLoad.csrf("<input name=\"username\" value=\"x\">")).isNull();
    }

    @Test
    void readsAListAnswerAsAnArrayOrAsAPage() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(DashboardLoad.items(json.readTree("[{\"id\":3},{\"id\":2}]"))).hasSize(2);
        assertThat(DashboardLoad.items(json.readTree("{\"items\":[{\"id\":3}],\"page\":1,\"size\":50,\"total\":7}")))
                .extracting(n -> n.path("id").asInt()).containsExactly(3);
    }

    @Test
    void sumsTheHeapAndThePoolsTimeoutsOfAScrape() {
        String scrape = """
                # HELP jvm_memory_used_bytes The amount of used memory
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.0E8
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2.0E8
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.0E8
                jvm_memory_max_bytes{area="heap",id="G1 Old Gen"} 8.05306368E8
                jvm_memory_max_bytes{area="heap",id="G1 Eden Space"} -1.0
                hikaricp_connections_timeout_total{pool="HikariPool-1"} 2.0
                hikaricp_connections_timeout_total{pool="finance"} 1.0
                """;
        var sums = DashboardLoad.scrape(scrape);
        assertThat(sums.get("heap")).isEqualTo(3.0E8);
        assertThat(sums.get("heapMax")).isEqualTo(8.05306368E8);
        assertThat(sums.get("poolTimeouts")).isEqualTo(3.0);
    }

    @Test
    void refusesUnknownOptionsAndSaysHowToCallIt() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = DashboardLoad.run(new String[] {"--users=200"}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("未知选项 --users").contains("用法：DashboardLoad");
    }

    @Test
    void refusesARunAndARunIdTogether() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = DashboardLoad.run(new String[] {"--run", "--run-id=4"}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--run 与 --run-id 只能给一个");
    }
}
