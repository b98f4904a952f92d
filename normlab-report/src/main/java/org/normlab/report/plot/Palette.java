package org.normlab.report.plot;

import java.awt.Color;

/** The report's colours (report.css), so figures written as files look like the report's charts. */
public final class Palette {
    public static final Color INK = new Color(0x1f2933);
    public static final Color MUTED = new Color(0x52606d);
    public static final Color RULE = new Color(0xd3d9df);
    public static final Color STATES = new Color(0x7b8794);
    public static final Color SIGNATORIES = new Color(0xd08a0e);
    public static final Color PARTIES = new Color(0x1d5fa0);
    public static final Color WITHDRAWN = new Color(0xb8322a);
    public static final Color OBSERVED = new Color(0x1f2933);
    public static final Color BASELINE = new Color(0x7b8794);
    public static final Color SCENARIO = new Color(0x1d5fa0);
    public static final Color INTERNATIONAL = new Color(0x1d5fa0);
    public static final Color DOMESTIC = new Color(0xd08a0e);
    public static final Color PERCEPTION = new Color(0x2f8f5b);
    public static final Color INCENTIVES = new Color(0x7b5ea7);
    /** Colours for several models or focus states, in order. */
    public static final Color[] FOCUS = {
        new Color(0x1d5fa0), new Color(0xb8322a), new Color(0x2f855a), new Color(0x6b46c1), new Color(0xd08a0e)
    };

    private Palette() {}
}
