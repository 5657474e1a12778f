package io.kerasish.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Test helpers: a realistic Keras-like tree, and deep comparison of trees ignoring order and jhdf's marker. */
final class Trees {
    private Trees() {
    }

    static float[] ramp(int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (i - n / 2f) * scale;
        }
        return a;
    }

    /** Keras 2 save_weights layout: two Dense layers and a Dropout, plus optimizer iterations. */
    static H5Group kerasWeights() {
        H5Group root = new H5Group();
        root.attrs().put("layer_names", new String[] {"dense_1", "dropout_1", "dense_2"});
        root.attrs().put("backend", "tensorflow");
        root.attrs().put("keras_version", "2.3.1");
        H5Group d1 = root.putGroup("dense_1");
        d1.attrs().put("weight_names", new String[] {"dense_1/kernel:0", "dense_1/bias:0"});
        d1.putDataset("dense_1/kernel:0", H5Array.of(ramp(48, 0.01f), 12, 4));
        d1.putDataset("dense_1/bias:0", H5Array.of(ramp(4, 0.5f), 4));
        root.putGroup("dropout_1").attrs().put("weight_names", new String[0]);
        H5Group d2 = root.putGroup("dense_2");
        d2.attrs().put("weight_names", new String[] {"dense_2/kernel:0", "dense_2/bias:0"});
        d2.putDataset("dense_2/kernel:0", H5Array.of(ramp(400, 0.003f), 4, 100));
        d2.putDataset("dense_2/bias:0", H5Array.of(ramp(100, 0.1f), 100));
        root.putGroup("optimizer_weights").putDataset("iterations:0",
                new H5Array(H5Type.INT64, new long[0], new float[] {1234}));
        return root;
    }

    static void assertSameTree(H5Group expected, H5Group actual, String path) {
        assertEquals(comparableAttrs(expected, path), comparableAttrs(actual, path), "attributes of " + path);
        assertEquals(new TreeMap<>(expected.groups()).keySet(), new TreeMap<>(actual.groups()).keySet(),
                "groups of " + path);
        assertEquals(new TreeMap<>(expected.datasets()).keySet(), new TreeMap<>(actual.datasets()).keySet(),
                "datasets of " + path);
        for (Map.Entry<String, H5Array> e : expected.datasets().entrySet()) {
            H5Array a = actual.datasets().get(e.getKey());
            assertEquals(e.getValue().type(), a.type(), path + e.getKey());
            assertArrayEquals(e.getValue().shape(), a.shape(), path + e.getKey());
            assertArrayEquals(e.getValue().data(), a.data(), path + e.getKey());
        }
        for (Map.Entry<String, H5Group> e : expected.groups().entrySet()) {
            assertSameTree(e.getValue(), actual.groups().get(e.getKey()), path + e.getKey() + "/");
        }
    }

    /** Attributes as sorted name -> printable value, without jhdf's root marker; empty String[] as empty. */
    private static Map<String, String> comparableAttrs(H5Group g, String path) {
        Map<String, String> out = new TreeMap<>();
        g.attrs().forEach((k, v) -> {
            if (!(path.equals("/") && k.equals("_jHDF"))) {
                out.put(k, show(v));
            }
        });
        return out;
    }

    static String show(Object v) {
        if (v instanceof Object[] a) {
            return a.length == 0 ? "[]" : Arrays.toString(a);
        }
        if (v instanceof long[] a) {
            return a.length == 0 ? "[]" : "long" + Arrays.toString(a);
        }
        if (v instanceof double[] a) {
            return a.length == 0 ? "[]" : "double" + Arrays.toString(a);
        }
        return v.getClass().getSimpleName() + ":" + v;
    }
}
