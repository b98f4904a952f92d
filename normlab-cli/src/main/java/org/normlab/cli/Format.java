package org.normlab.cli;

/** Output formats of query commands. */
enum Format {
    table,
    csv,
    json
}
