package org.budgethub.config;

/** Which departments a run builds besides its units. */
public enum Departments {
    /** None: units only (CONTRACT.md §5). */
    NONE,
    /** The departments the scope names: every department, or the one (or listed) codes that are departments (§6). */
    SCOPE,
    /** Those, and the department of every unit in the scope: a unit's new figures rebuild its department. */
    WITH_PARENTS
}
