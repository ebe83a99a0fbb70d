package org.fglecg.cli;

/** Where {@code fgl predict} takes a record's beats from. */
enum BeatSource {
    /** The R peaks of the record's reference annotation file ({@code NAME.atr}). */
    reference,
    /** The QRS detector's beats. */
    detect
}
