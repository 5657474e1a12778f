package io.kerasish.io.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.InvalidConfigException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigJsonTest {
    @Test
    void floatsArePrintedAsPythonReprPrintsThem() {
        assertEquals("1e-07", ConfigJson.pythonFloat(1e-7));
        assertEquals("0.001", ConfigJson.pythonFloat(0.001));
        assertEquals("0.0001", ConfigJson.pythonFloat(1e-4));
        assertEquals("1e-05", ConfigJson.pythonFloat(1e-5));
        assertEquals("1.0", ConfigJson.pythonFloat(1.0));
        assertEquals("-0.5", ConfigJson.pythonFloat(-0.5));
        assertEquals("0.0", ConfigJson.pythonFloat(0.0));
        assertEquals("123456.0", ConfigJson.pythonFloat(123456.0));
        assertEquals("1e+16", ConfigJson.pythonFloat(1e16));
        assertEquals("1.5e-10", ConfigJson.pythonFloat(1.5e-10));
        assertEquals("9.999999747378752e-05", ConfigJson.pythonFloat(9.999999747378752e-05));
        assertEquals("NaN", ConfigJson.pythonFloat(Double.NaN));
    }

    @Test
    void writesWithPythonsSeparatorsAndReadsBackTheSameValues() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", "dense");
        config.put("units", 5L);
        config.put("batch_input_shape", Arrays.asList(null, 784L));
        config.put("rate", 1e-7);
        config.put("use_bias", true);
        config.put("quote", "a\"b\\c\u00e9");
        Map<String, Object> doc = new LinkedHashMap<>(Map.of("class_name", "Dense"));
        doc.put("config", config);
        String json = ConfigJson.write(doc);
        assertEquals("{\"class_name\": \"Dense\", \"config\": {\"name\": \"dense\", \"units\": 5, \"batch_input_shape\": "
                + "[null, 784], \"rate\": 1e-07, \"use_bias\": true, \"quote\": \"a\\\"b\\\\c\\u00e9\"}}", json);
        assertEquals(doc, ConfigJson.parse(json, "test"));
    }

    @Test
    void badJsonNamesTheSourceLineAndColumn() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> ConfigJson.parse("{\"class_name\": \"Sequential\",\n \"config\": [}", "model.json"));
        assertTrue(e.getMessage().startsWith("model.json is not valid JSON at line 2"), e.getMessage());
        e = assertThrows(InvalidConfigException.class, () -> ConfigJson.parse("[1, 2]", "model.json"));
        assertTrue(e.getMessage().contains("JSON object"), e.getMessage());
        assertThrows(InvalidConfigException.class, () -> ConfigJson.parse("", "model.json"));
        assertThrows(InvalidConfigException.class, () -> ConfigJson.parse("{} {}", "model.json"));
    }

    @Test
    void readsNaNAsPythonWritesIt() {
        assertTrue(Double.isNaN((Double) ConfigJson.parse("{\"x\": NaN}", "t").get("x")));
        assertEquals(List.of(1L, 2.5), ConfigJson.parse("{\"x\": [1, 2.5]}", "t").get("x"));
    }
}
