package org.normlab.data;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One state's dated participation events in one instrument. Immutable; any date may be null
 * (the event has not happened). The compact constructor accepts only sequences that can happen;
 * files are checked with line numbers by {@link ParticipationFile} before records are built.
 *
 * @param iso3               ISO 3166-1 alpha-3 code (or the project's code for non-ISO entities)
 * @param stateName          the participant's name as the source prints it
 * @param signature          date of signature
 * @param consent            date the instrument of consent was deposited
 * @param consentType        how consent was given; non-null exactly when {@code consent} is
 * @param entryIntoForce     date the instrument entered into force for the state
 * @param withdrawalNotified date the withdrawal was notified to the depositary
 * @param withdrawalEffective date the withdrawal took effect (the state is no longer party from this day)
 * @param notes              free text with sources
 */
public record Participation(
        String iso3,
        String stateName,
        LocalDate signature,
        LocalDate consent,
        ConsentType consentType,
        LocalDate entryIntoForce,
        LocalDate withdrawalNotified,
        LocalDate withdrawalEffective,
        String notes) {
    public Participation {
        Objects.requireNonNull(iso3, "iso3");
        stateName = stateName == null ? "" : stateName;
        notes = notes == null ? "" : notes;
        if ((consent == null) != (consentType == null)) {
            throw new IllegalArgumentException(iso3 + ": consent date and consent type go together");
        }
        if (signature != null && consent != null && signature.isAfter(consent)) {
            throw new IllegalArgumentException(iso3 + ": signature after consent");
        }
        if (entryIntoForce != null
                && (consent == null || entryIntoForce.isBefore(consent) && consentType != ConsentType.SUCCESSION)) {
            throw new IllegalArgumentException(iso3 + ": entry into force before consent");
        }
        if (withdrawalEffective != null
                && (withdrawalNotified == null || withdrawalEffective.isBefore(withdrawalNotified))) {
            throw new IllegalArgumentException(iso3 + ": withdrawal effective before it was notified");
        }
        if (withdrawalNotified != null && (consent == null || withdrawalNotified.isBefore(consent))) {
            throw new IllegalArgumentException(iso3 + ": withdrawal without earlier consent");
        }
    }

    /** The status on a date (events dated that day count as done). */
    public Status statusOn(LocalDate date) {
        if (withdrawalEffective != null && !withdrawalEffective.isAfter(date)) {
            return Status.WITHDRAWN;
        }
        if (consent != null && !consent.isAfter(date)) {
            return Status.PARTY;
        }
        if (signature != null && !signature.isAfter(date)) {
            return Status.SIGNATORY;
        }
        return Status.NONE;
    }

    /** The earliest event date, or null when the row records none. */
    public LocalDate firstEvent() {
        if (signature != null) {
            return signature;
        }
        return consent;
    }
}
