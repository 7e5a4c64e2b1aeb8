package org.budgethub.authoring;

import java.time.Instant;

import org.budgethub.model.NarrativeInput;

/**
 * One version of the words of a unit or department for a year, as the store keeps it.
 *
 * @param code    the unit's or the department's code
 * @param words   the CONTRACT §1 words (canonical: see {@link Words#canonical})
 * @param author  the user's name, or {@code import:<file>}
 * @param hash    the SHA-256 of the words' canonical JSON: the incremental sync's narrative fingerprint
 */
public record NarrativeVersion(String code, int year, int version, WordStatus status, NarrativeInput words, String author,
                               Instant createdAt, WordSource source, String hash) {
}
