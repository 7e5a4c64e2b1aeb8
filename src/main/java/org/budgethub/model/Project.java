package org.budgethub.model;

import java.util.List;

/**
 * A project of the project library (项目库) for one year. A project with a goal (perf_goal) is
 * under performance-target management (绩效目标管理).
 */
public record Project(
        String code,
        String name,
        String summary,
        String basis,
        String goal,
        List<Indicator> indicators) {

    public Project {
        indicators = List.copyOf(indicators);
    }

    public boolean hasGoal() {
        return goal != null && !goal.isBlank();
    }
}
