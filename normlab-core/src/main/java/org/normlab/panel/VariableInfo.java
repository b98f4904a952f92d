package org.normlab.panel;

/**
 * A variable a panel can hold. Immutable.
 *
 * @param name       column name
 * @param definition what a value means
 * @param source     where it comes from
 * @param years      years with data (text, e.g. "1989-2024" or "any")
 * @param level      the block: {@code international} (pressure from other states),
 *                   {@code perception} (what the state does about the norm), {@code domestic}
 *                   (domestic pressure), {@code incentives} (EU, NATO) or {@code baseline} (time);
 *                   see {@link Variables#level}
 */
public record VariableInfo(String name, String definition, String source, String years, String level) {}
