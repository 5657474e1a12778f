package io.kerasish.io.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.kerasish.InvalidConfigException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Keras config documents as JSON. {@link #parse} gives plain Java values (ordered {@code Map<String, Object>},
 * {@code List<Object>}, {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code null});
 * {@link #write} prints them as Python's {@code json.dumps} does, which is what Keras's {@code to_json()} returns:
 * {@code {"class_name": "Dense", "config": {"units": 5, "rate": 1e-07}}}.
 */
public final class ConfigJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // Python writes NaN and Infinity
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ConfigJson() {
    }

    /**
     * Parses a JSON document whose top level is an object.
     *
     * @param source what the text is (a file name, "model_config attribute"), for error messages
     * @throws InvalidConfigException naming the source, line and column when the text is not a JSON object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String text, String source) {
        if (text == null || text.isBlank()) {
            throw new InvalidConfigException(source + " is empty: expected a Keras JSON document such as "
                    + "{\"class_name\": \"Sequential\", \"config\": {...}}");
        }
        Object value;
        try {
            value = MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidConfigException(source + " is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        if (!(value instanceof Map)) {
            throw new InvalidConfigException(source + " must hold a JSON object ({...}) at the top level, found "
                    + ConfigValues.describe(value));
        }
        return (Map<String, Object>) value;
    }

    /** Writes a document as Python's {@code json.dumps} with default separators does. */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    private static void write(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean b) {
            sb.append(b ? "true" : "false");
        } else if (v instanceof Double || v instanceof Float) {
            sb.append(pythonFloat(((Number) v).doubleValue()));
        } else if (v instanceof Number n) {
            sb.append(n.longValue());
        } else if (v instanceof String s) {
            quote(s, sb);
        } else if (v instanceof Map<?, ?> m) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ");
                first = false;
                quote(String.valueOf(e.getKey()), sb);
                sb.append(": ");
                write(e.getValue(), sb);
            }
            sb.append('}');
        } else if (v instanceof List<?> l) {
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                sb.append(i == 0 ? "" : ", ");
                write(l.get(i), sb);
            }
            sb.append(']');
        } else {
            throw new IllegalArgumentException("not a config value: " + v.getClass().getName());
        }
    }

    /** Python's {@code repr(float)}: {@code 0.001}, {@code 1e-07}, {@code 1.0}, {@code 1e+16}, {@code NaN}. */
    public static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = b.precision() - b.scale() - 1; // position of the first digit
        if (exponent < -4 || exponent >= 16) {
            String digits = b.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String exp = String.format("%02d", Math.abs(exponent));
            return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
        }
        String plain = b.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    private static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) { // Python's ensure_ascii
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
