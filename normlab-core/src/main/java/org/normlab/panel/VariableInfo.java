package org.normlab.panel;

/**
 * A variable a panel can hold. Immutable.
 *
 * @param name       column name
 * @param definition what a value means
 * @param source     where it comes from
 * @param years      years with data (text, e.g. "1989-2024" or "any")
 * @param level      {@code international} (pressure from other states), {@code domestic} (the
 *                   state's own situation) or {@code baseline} (time)
 */
public record VariableInfo(String name, String definition, String source, String years, String level) {
}
