package io.kerasish.callbacks;

import io.kerasish.InvalidConfigException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A file path with Python {@code str.format} placeholders, as Keras's ModelCheckpoint takes it:
 * {@code "ckpt/weights.{epoch:02d}-{val_loss:.2f}.h5"}. Supported format specs: fill, alignment, sign, zero
 * padding, width, precision and the types d, f, e, g, %, s; {@code {{} and {@code }}} are literal braces.
 */
final class FilepathTemplate {
    private static final Pattern SPEC = Pattern.compile(
            "^(?:(.)?([<>=^]))?([+\\- ])?(0)?(\\d+)?(?:\\.(\\d+))?([dfFeEgG%s])?$");

    private record Field(String name, String spec) {
    }

    private final String template;
    private final List<Object> parts = new ArrayList<>();

    FilepathTemplate(String template) {
        this.template = template;
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < template.length() && template.charAt(i + 1) == c) {
                literal.append(c);
                i++;
            } else if (c == '{') {
                int end = template.indexOf('}', i);
                if (end < 0) {
                    throw error("an opening '{' has no closing '}'");
                }
                String inner = template.substring(i + 1, end);
                int colon = inner.indexOf(':');
                String name = colon < 0 ? inner : inner.substring(0, colon);
                String spec = colon < 0 ? "" : inner.substring(colon + 1);
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw error("'{" + inner + "}' does not name a log key");
                }
                if (!SPEC.matcher(spec).matches()) {
                    throw error("unsupported format spec '" + spec + "' in '{" + inner + "}'");
                }
                parts.add(literal.toString());
                literal.setLength(0);
                parts.add(new Field(name, spec));
                i = end;
            } else if (c == '}') {
                throw error("a single '}' (write '}}' for a literal brace)");
            } else {
                literal.append(c);
            }
        }
        parts.add(literal.toString());
    }

    private InvalidConfigException error(String what) {
        return new InvalidConfigException("ModelCheckpoint filepath '" + template + "': " + what);
    }

    /** The placeholder names, in order. */
    Set<String> names() {
        Set<String> out = new LinkedHashSet<>();
        parts.stream().filter(p -> p instanceof Field).forEach(p -> out.add(((Field) p).name));
        return out;
    }

    /** Fills the placeholders; every name must have a value (Integer, Long or Double). */
    String format(Map<String, ? extends Number> values) {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof Field f) {
                Number v = values.get(f.name);
                if (v == null) {
                    throw error("the logs have no '" + f.name + "' (they have " + values.keySet() + ")");
                }
                sb.append(apply(f.spec, v, f.name));
            } else {
                sb.append(p);
            }
        }
        return sb.toString();
    }

    private String apply(String spec, Number v, String name) {
        Matcher m = SPEC.matcher(spec);
        m.matches();
        String fill = m.group(1) != null ? m.group(1) : m.group(4) != null ? "0" : " ";
        String align = m.group(2) != null ? m.group(2) : m.group(4) != null ? "=" : null;
        String sign = m.group(3) == null ? "-" : m.group(3);
        int width = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
        Integer precision = m.group(6) == null ? null : Integer.parseInt(m.group(6));
        String type = m.group(7);
        boolean integer = v instanceof Integer || v instanceof Long;
        double d = v.doubleValue();
        String body;
        if (type == null) {
            body = integer ? Long.toString(Math.abs(v.longValue()))
                    : precision == null ? io.kerasish.io.config.ConfigJson.pythonFloat(Math.abs(d)) : general(Math.abs(d), precision);
        } else {
            body = switch (type) {
                case "d" -> {
                    if (!integer && d != Math.rint(d)) {
                        throw error("'{" + name + ":" + spec + "}' formats an integer but " + name + " = " + d);
                    }
                    yield Long.toString(Math.abs((long) d));
                }
                case "f", "F" -> fixed(Math.abs(d), precision == null ? 6 : precision);
                case "e", "E" -> scientific(Math.abs(d), precision == null ? 6 : precision);
                case "g", "G" -> general(Math.abs(d), precision == null ? 6 : precision);
                case "%" -> fixed(Math.abs(d) * 100, precision == null ? 6 : precision) + "%";
                default -> integer ? Long.toString(v.longValue()) : io.kerasish.io.config.ConfigJson.pythonFloat(d);
            };
            if (type.equals("E") || type.equals("G") || type.equals("F")) {
                body = body.toUpperCase(Locale.ROOT);
            }
        }
        boolean negative = d < 0 || (d == 0 && 1 / d < 0 && !integer);
        String signText = negative ? "-" : sign.equals("+") ? "+" : sign.equals(" ") ? " " : "";
        if (Double.isNaN(d)) {
            signText = "";
            body = "nan";
        }
        int pad = Math.max(0, width - signText.length() - body.length());
        String padding = fill.repeat(pad);
        String a = align != null ? align : (integer || type != null && !type.equals("s") ? ">" : "<");
        return switch (a) {
            case "<" -> signText + body + padding;
            case "^" -> fill.repeat(pad / 2) + signText + body + fill.repeat(pad - pad / 2);
            case "=" -> signText + padding + body;
            default -> padding + signText + body;
        };
    }

    private static String fixed(double d, int precision) {
        if (Double.isInfinite(d)) {
            return "inf";
        }
        return new BigDecimal(d).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String scientific(double d, int precision) {
        if (Double.isInfinite(d)) {
            return "inf";
        }
        String s = String.format(Locale.ROOT, "%." + precision + "e", d);
        return s; // Java's %e prints e+00 like Python
    }

    /** Python's 'g': significant digits, trailing zeros removed, scientific outside [1e-4, 10^precision). */
    private static String general(double d, int precision) {
        if (Double.isInfinite(d)) {
            return "inf";
        }
        int p = precision == 0 ? 1 : precision;
        if (d == 0) {
            return "0";
        }
        String sci = String.format(Locale.ROOT, "%." + (p - 1) + "e", d);
        int exp = Integer.parseInt(sci.substring(sci.indexOf('e') + 1));
        if (exp >= -4 && exp < p) {
            return strip(fixed(d, p - 1 - exp));
        }
        String mantissa = strip(sci.substring(0, sci.indexOf('e')));
        return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
    }

    private static String strip(String s) {
        if (!s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String toString() {
        return template;
    }
}
