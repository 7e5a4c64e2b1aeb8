package org.budgethub.model;

/** Vehicles held at the end of the previous year and purchases planned in the budget year. */
public record Vehicles(int generalHeld, int enforcementHeld, int generalPlanned, int enforcementPlanned) {

    /** What an agency without an ast_vehicle row has: every count 0. */
    public static final Vehicles NONE = new Vehicles(0, 0, 0, 0);

    /** The vehicles of two agencies together, as a department counts them. */
    public Vehicles plus(Vehicles other) {
        return new Vehicles(generalHeld + other.generalHeld, enforcementHeld + other.enforcementHeld,
                generalPlanned + other.generalPlanned, enforcementPlanned + other.enforcementPlanned);
    }
}
