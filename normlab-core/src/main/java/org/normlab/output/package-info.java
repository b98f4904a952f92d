/**
 * Where commands write their files: {@link org.normlab.output.AtomicOutput} checks a destination
 * before any computing and replaces it only with a complete set of files.
 */
package org.normlab.output;
