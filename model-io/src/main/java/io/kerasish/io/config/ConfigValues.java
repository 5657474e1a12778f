package io.kerasish.io.config;

import java.util.List;
import java.util.Map;

/** Small helpers for the plain values that {@link ConfigJson} and {@link ConfigYaml} produce. */
public final class ConfigValues {
    private ConfigValues() {
    }

    /** A short description of a value's JSON type, for error messages: "a string ("relu")", "a list", ... */
    public static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "a list";
        }
        if (v instanceof String s) {
            return "a string (\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\")";
        }
        if (v instanceof Boolean) {
            return "a boolean (" + v + ")";
        }
        if (v instanceof Number) {
            return "a number (" + v + ")";
        }
        return v.getClass().getSimpleName();
    }
}
