package org.budgethub.model;

import java.util.List;

/**
 * A project of the project library (项目库) for one year, of the agency {@code agencyCode}. A project
 * with a goal (perf_goal) is under performance-target management (绩效目标管理).
 */
public record Project(
        String code,
        String name,
        String summary,
        String basis,
        String goal,
        List<Indicator> indicators,
        String agencyCode) {

    public Project {
        indicators = List.copyOf(indicators);
    }

    /** A project of the one agency an extract is about. */
    public Project(String code, String name, String summary, String basis, String goal, List<Indicator> indicators) {
        this(code, name, summary, basis, goal, indicators, null);
    }

    public boolean hasGoal() {
        return goal != null && !goal.isBlank();
    }
}
