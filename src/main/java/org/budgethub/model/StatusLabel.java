package org.budgethub.model;

/**
 * A state a person reads on the console (a run's, a task's, a version's, a finding's): the enum
 * constant's name is what the database and the API store, its label the Chinese text the console
 * shows, its tone the badge's colour class (ok, busy, warn, bad, neutral). The enum is the one
 * definition of both.
 */
public interface StatusLabel {

    String name();

    /** The label and tone, which the enum keeps. */
    Look look();

    default String label() {
        return look().label();
    }

    default String tone() {
        return look().tone();
    }

    /** How a status reads: its Chinese label and the badge's colour class. */
    record Look(String label, String tone) {
    }
}
