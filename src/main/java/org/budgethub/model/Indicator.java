package org.budgethub.model;

/** A performance indicator (绩效指标) of a project. nature: one of ≥ ≤ > < = 定性. */
public record Indicator(int seq, String name, int weight, String unit, String nature, String target) {
}
