/**
 * normlab core: the data of international instruments and country-years, risk-set panels,
 * hazard-model estimation and the agent-based simulation of a norm's life cycle. Depends on no
 * CLI, HTTP or cluster code.
 */
package org.normlab;
