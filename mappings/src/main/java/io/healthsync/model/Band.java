package io.healthsync.model;

import java.util.Locale;

public enum Band {
    RED, YELLOW, GREEN;

    /** The value written to the CRM picklist and shown in reports. */
    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }
}
