package org.normlab.data;

/**
 * One state's status towards an instrument on a date. Immutable.
 *
 * @param iso3          state code
 * @param name          common name
 * @param status        none, signatory, party or withdrawn
 * @param inSystem      member of the state system on the date (false for entities such as the
 *                      Holy See or Palestine that take part in the instrument)
 * @param extrapolated  system membership carried forward past the end of the state-system list
 */
public record StateStatus(String iso3, String name, Status status, boolean inSystem, boolean extrapolated) {}
