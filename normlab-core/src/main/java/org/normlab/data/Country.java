package org.normlab.data;

import java.util.List;
import java.util.Objects;

/**
 * A country of the bundled ISO 3166-1 list. Immutable.
 *
 * @param iso3        alpha-3 code ({@code UNK} for Kosovo, as the source uses)
 * @param name        common English name
 * @param region      continent-level region (may be empty)
 * @param subregion   UN-style subregion (may be empty)
 * @param landBorders ISO3 codes of land neighbours, as the source lists them
 */
public record Country(String iso3, String name, String region, String subregion, List<String> landBorders) {
    public Country {
        Objects.requireNonNull(iso3, "iso3");
        Objects.requireNonNull(name, "name");
        region = region == null ? "" : region;
        subregion = subregion == null ? "" : subregion;
        landBorders = List.copyOf(landBorders);
    }
}
