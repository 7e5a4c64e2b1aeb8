package org.budgethub.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The 批复 dates set on the admin page (the year's default, a department's own, its 批复 to its units),
 * shown there once saved and audited; and the deadlines page, the dashboard's panel, the API and the
 * metric all saying the same of the demo's agencies, with delivery records written as the hub writes
 * them: a unit published in time then corrected, one published late, one never published.
 */
@SpringBootTest(properties = {
        "hub.demo.export-on-start=false",
        "hub.schedule.enabled=false",
        "hub.publish.mode=local",
        "hub.publish.dir=target/deadline-pages-test/packages",
        "hub.publish.index-repair-delay-ms=3600000",
        "hub.cms.embedded.enabled=false",
        "hub.console.demo-users=false",
        "hub.console.initial-passwords-file=target/deadline-pages-test/initial-passwords.txt",
        "spring.datasource.url=jdbc:h2:mem:deadline-pages;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1"})
class DeadlinePagesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = LocalDate.now(SHANGHAI);

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcTemplate hub;

    @Autowired
    MeterRegistry meters;

    private MockMvc mvc;

    @BeforeEach
    void mvc() {
        mvc = MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
    }

    private static RequestPostProcessor admin() {
        return user("admin").roles("ADMIN", "VIEWER");
    }

    private static RequestPostProcessor viewer() {
        return user("viewer").roles("VIEWER");
    }

    private String page(String path, RequestPostProcessor who) throws Exception {
        return mvc.perform(get(path).with(who)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    /** The text of the first {@code tag} element carrying {@code attribute="value"} after {@code from}, tags stripped. */
    private static String text(String html, String from, String tag, String attribute, String value) {
        int start = html.indexOf(from);
        assertThat(start).as(from).isNotNegative();
        Matcher m = Pattern.compile("<" + tag + "[^>]*" + attribute + "=\"" + Pattern.quote(value) + "\"[^>]*>(.*?)</" + tag + ">",
                Pattern.DOTALL).matcher(html);
        assertThat(m.find(start)).as(tag + " " + attribute + "=" + value).isTrue();
        return m.group(1).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
    }

    /** The agencies the deadlines page lists (its table's rows). */
    private static List<String> listed(String html) {
        List<String> out = new ArrayList<>();
        int start = html.indexOf("id=\"agency-deadlines\"");
        if (start < 0) {
            return out;
        }
        Matcher m = Pattern.compile("<tr[^>]*data-agency=\"([0-9]+)\"").matcher(html.substring(start, html.indexOf("</table>", start)));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private String flash(String path, RequestPostProcessor who, String... params) throws Exception {
        var request = post(path).with(who).with(csrf());
        for (int i = 0; i < params.length; i += 2) {
            request = request.param(params[i], params[i + 1]);
        }
        var result = mvc.perform(request).andExpect(status().is3xxRedirection()).andReturn();
        Object message = result.getFlashMap().get("message");
        return message != null ? "message:" + message : "error:" + result.getFlashMap().get("error");
    }

    private void delivered(String agency, int version, LocalDate on) {
        Timestamp at = Timestamp.from(on.atTime(10, 0).atZone(SHANGHAI).toInstant());
        hub.update("INSERT INTO delivery (fiscal_year, agency_code, version, content_hash, status, created_at, updated_at, reviewed_by, "
                + "delivered_at) VALUES (2026, ?, ?, ?, 'DELIVERED', ?, ?, 'bob', ?)", agency, version, "h" + version, at, at, at);
    }

    private static List<String> codes(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(item -> out.add(item.path("code").asText()));
        return out;
    }

    @Test
    void datesSetOnTheAdminPageAreShownAuditedAndEveryPageSaysTheSame() throws Exception {
        LocalDate approved = TODAY.minusDays(40);
        mvc.perform(post("/console/admin/approval-dates").param("year", "2026").param("date", approved.toString()).with(viewer())
                .with(csrf())).andExpect(status().isForbidden());
        assertThat(hub.queryForObject("SELECT COUNT(*) FROM budget_approval", Integer.class)).as("a viewer changes nothing").isZero();

        assertThat(flash("/console/admin/approval-dates", admin(), "year", "2026", "date", approved.toString()))
                .startsWith("message:").contains(approved.toString()).contains(approved.plusDays(20).toString());
        // 102 approved by the bureau 10 days ago; it approved its units 3 days ago
        assertThat(flash("/console/admin/approval-dates/department", admin(), "year", "2026", "department", "102",
                "date", TODAY.minusDays(10).toString(), "unitsDate", TODAY.minusDays(3).toString())).startsWith("message:");
        assertThat(flash("/console/admin/approval-dates/department", admin(), "year", "2026", "department", "101023",
                "date", TODAY.toString())).as("a unit is not a department").startsWith("error:").contains("101023");
        assertThat(flash("/console/admin/approval-dates/department", admin(), "year", "2026", "department", "101",
                "date", "2026-02-30")).startsWith("error:").contains("2026-01-20");

        String adminPage = page("/console/admin", admin());
        assertThat(text(adminPage, "approval-dates-table", "tr", "data-year", "2026")).contains(approved.toString(), approved.plusDays(20).toString());
        assertThat(text(adminPage, "approval-dates-table", "li", "data-department", "102"))
                .contains(TODAY.minusDays(10).toString(), TODAY.minusDays(3).toString(), TODAY.plusDays(17).toString());
        assertThat(hub.queryForList("SELECT detail FROM audit_log WHERE action = 'budget.approval-date' ORDER BY id", String.class))
                .hasSize(2).allMatch(d -> d.contains("2026 年")).anyMatch(d -> d.contains("部门 102"));

        delivered("101031", 1, approved.plusDays(5));   // in time
        delivered("101031", 2, TODAY);                  // its correction, long after: still in time
        delivered("101023", 1, TODAY.minusDays(1));     // late, but on the website
        // 101001 and 103005 (a unit without a department) never delivered: late; 102 and 102001 not due yet

        JsonNode api = JSON.readTree(mvc.perform(get("/api/deadlines").param("year", "2026").with(viewer()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(codes(api.path("onTime"))).containsExactly("101031");
        assertThat(codes(api.path("publishedLate"))).containsExactly("101023");
        assertThat(codes(api.path("late"))).contains("101", "101001", "103005").doesNotContain("101023", "101031", "102", "102001");
        assertThat(codes(api.path("due"))).contains("102", "102001");
        JsonNode d101 = null;
        for (JsonNode d : api.path("departments")) {
            if ("101".equals(d.path("code").asText())) {
                d101 = d;
            }
        }
        assertThat(d101).isNotNull();
        assertThat(d101.path("unitsDue").asInt()).isEqualTo(3);
        assertThat(d101.path("unitsPublished").asInt()).isEqualTo(2);
        assertThat(d101.path("rate").asInt()).isEqualTo(66);
        assertThat(d101.path("state").asText()).isEqualTo("LATE");

        String deadlines = page("/console/deadlines?year=2026", viewer());
        assertThat(text(deadlines, "department-table", "tr", "data-department", "101")).contains("2 / 3", "66%", "逾期未公开");
        assertThat(text(deadlines, "department-table", "tr", "data-department", "102")).contains(TODAY.plusDays(17).toString());
        assertThat(text(deadlines, "department-table", "tr", "data-department", "none")).contains("不属于任何部门的单位", "0 / 2");
        assertThat(listed(page("/console/deadlines?year=2026&state=LATE", viewer()))).contains("101001", "103005")
                .doesNotContain("101023", "101031");
        String publishedLate = page("/console/deadlines?year=2026&state=PUBLISHED_LATE&department=101", viewer());
        assertThat(listed(publishedLate)).containsExactly("101023");
        assertThat(text(publishedLate, "agency-deadlines", "tr", "data-agency", "101023")).as("its department, first day on the website")
                .contains(" 101 ", TODAY.minusDays(1).toString(), "逾期后公开").doesNotContain("false");

        int lateCount = api.path("counts").path("late").asInt();
        String dashboard = page("/console?year=2026", viewer());
        assertThat(text(dashboard, "deadline-counts", "li", "data-state", "LATE")).isEqualTo("逾期未公开 " + lateCount);
        assertThat(text(dashboard, "deadline-counts", "li", "data-state", "PUBLISHED_LATE")).isEqualTo("逾期后公开 1");
        assertThat(dashboard).contains("id=\"deadlines-link\"");
        assertThat(text(page("/console/reviews?year=2026", viewer()), "deadline-counts", "li", "data-state", "LATE"))
                .isEqualTo("逾期未公开 " + lateCount);

        assertThat(meters.get("hub.packages.late").gauge().value()).isEqualTo(lateCount);
        assertThat(meters.get("hub.packages.published.late").gauge().value()).isEqualTo(1);

        // Both dates cleared: 102 follows the year's default again, and says so.
        assertThat(flash("/console/admin/approval-dates/department", admin(), "year", "2026", "department", "102"))
                .contains("不再另设");
        assertThat(text(page("/console/admin", admin()), "approval-dates-table", "tr", "data-year", "2026")).contains("无（均按默认日期）");
    }
}
