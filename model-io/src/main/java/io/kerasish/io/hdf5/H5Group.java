package io.kerasish.io.hdf5;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HDF5 group held in memory: attributes, child groups and child datasets, each kept in insertion order.
 * Groups and datasets share one namespace per group, as in HDF5. Paths use {@code '/'} between names
 * ({@code "model_weights/dense_1"}); a name may contain anything else, {@code ':'} included ({@code "kernel:0"}).
 *
 * <p>Attribute values are {@link String}, {@code String[]}, {@link Long}, {@link Double}, {@code long[]} or
 * {@code double[]}. Reading never produces anything else; writing refuses anything else.
 */
public final class H5Group {
    private final Map<String, Object> attrs = new LinkedHashMap<>();
    private final Map<String, H5Group> groups = new LinkedHashMap<>();
    private final Map<String, H5Array> datasets = new LinkedHashMap<>();

    public H5Group() {
    }

    /** The attributes, live and modifiable, in insertion order. */
    public Map<String, Object> attrs() {
        return attrs;
    }

    /** The child group at {@code path} ({@code "a"} or {@code "a/b"}), or null if there is none. */
    public H5Group group(String path) {
        H5Group g = this;
        for (String name : split(path)) {
            g = g.groups.get(name);
            if (g == null) {
                return null;
            }
        }
        return g;
    }

    /** The group at {@code path}, creating it and any missing groups on the way (appended in order). */
    public H5Group putGroup(String path) {
        H5Group g = this;
        for (String name : checkedPath(path)) {
            g = g.child(name);
        }
        return g;
    }

    /** The child groups, in insertion order (read-only view). */
    public Map<String, H5Group> groups() {
        return Collections.unmodifiableMap(groups);
    }

    /** The child datasets, in insertion order (read-only view). */
    public Map<String, H5Array> datasets() {
        return Collections.unmodifiableMap(datasets);
    }

    /** The dataset at {@code path} ({@code "bias:0"} or {@code "dense_1/dense_1/kernel:0"}), or null. */
    public H5Array dataset(String path) {
        String[] names = split(path);
        if (names.length == 0) {
            return null;
        }
        H5Group parent = this;
        for (int i = 0; i < names.length - 1 && parent != null; i++) {
            parent = parent.groups.get(names[i]);
        }
        return parent == null ? null : parent.datasets.get(names[names.length - 1]);
    }

    /**
     * Stores {@code array} at {@code path}, creating the groups on the way; replaces a dataset of that name.
     *
     * @return this group, for chaining
     * @throws IllegalArgumentException if the path is empty, has an empty segment, or names an existing group
     */
    public H5Group putDataset(String path, H5Array array) {
        Objects.requireNonNull(array, "array");
        String[] names = checkedPath(path);
        H5Group parent = this;
        for (int i = 0; i < names.length - 1; i++) {
            parent = parent.child(names[i]);
        }
        parent.putDatasetChild(names[names.length - 1], array);
        return this;
    }

    /** The String attribute {@code name} (a 1-element String[] too), or null if absent or not a string. */
    public String stringAttr(String name) {
        Object v = attrs.get(name);
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof String[] a && a.length == 1) {
            return a[0];
        }
        return null;
    }

    /**
     * The string-array attribute {@code name} as Keras reads it: the attribute itself if present, else the
     * chunks {@code name0, name1, ...} that Keras writes for long lists, concatenated. An empty numeric array
     * (what h5py writes for {@code []}) reads as an empty String[]; a single String as a 1-element array.
     *
     * @return a fresh array, or null if absent or not strings
     */
    public String[] stringArrayAttr(String name) {
        if (attrs.containsKey(name)) {
            return asStrings(attrs.get(name));
        }
        List<String> merged = new ArrayList<>();
        int chunk = 0;
        for (; attrs.containsKey(name + chunk); chunk++) {
            String[] part = asStrings(attrs.get(name + chunk));
            if (part == null) {
                return null;
            }
            merged.addAll(Arrays.asList(part));
        }
        return chunk == 0 ? null : merged.toArray(new String[0]);
    }

    private static String[] asStrings(Object v) {
        if (v instanceof String[] a) {
            return a.clone();
        }
        if (v instanceof String s) {
            return new String[] {s};
        }
        if ((v instanceof double[] d && d.length == 0) || (v instanceof long[] l && l.length == 0)) {
            return new String[0];
        }
        return null;
    }

    /** The child group {@code name}, created if absent. */
    H5Group child(String name) {
        H5Group g = groups.get(name);
        if (g == null) {
            if (datasets.containsKey(name)) {
                throw new IllegalArgumentException("'" + name + "' is a dataset, not a group");
            }
            g = new H5Group();
            groups.put(name, g);
        }
        return g;
    }

    /** Adds an existing group (possibly shared, when a file links one group twice) under a single name. */
    void putGroupChild(String name, H5Group group) {
        if (datasets.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is a dataset, not a group");
        }
        groups.put(name, group);
    }

    void putDatasetChild(String name, H5Array array) {
        if (groups.containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is a group, not a dataset");
        }
        datasets.put(name, array);
    }

    private static String[] split(String path) {
        Objects.requireNonNull(path, "path");
        return path.isEmpty() ? new String[0] : path.split("/", -1);
    }

    private static String[] checkedPath(String path) {
        String[] names = split(path);
        if (names.length == 0) {
            throw new IllegalArgumentException("empty path");
        }
        for (String n : names) {
            if (n.isEmpty()) {
                throw new IllegalArgumentException("empty name in path '" + path + "'");
            }
        }
        return names;
    }

    @Override
    public String toString() {
        return "H5Group[attrs=" + attrs.keySet() + ", groups=" + groups.keySet() + ", datasets="
                + datasets.keySet() + "]";
    }
}
