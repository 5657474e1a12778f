package io.kerasish.layers;

import io.kerasish.internal.KerasFlattenPreProcessor;
import io.kerasish.internal.Translation;

/**
 * Keras's {@code Reshape(targetShape)}: reshapes each example in row-major order. One dimension may be
 * {@code -1}, inferred from the others, as in Keras.
 */
public class Reshape extends Layer<Reshape> {
    private final long[] targetShape;

    public Reshape(long... targetShape) {
        int unknown = 0;
        for (long d : targetShape) {
            if (d == -1) {
                unknown++;
            } else if (d < 1) {
                throw new io.kerasish.InvalidConfigException("Reshape: dimensions must be >= 1 or -1, got "
                        + java.util.Arrays.toString(targetShape));
            }
        }
        if (unknown > 1 || targetShape.length == 0 || targetShape.length > 3) {
            throw new io.kerasish.InvalidConfigException("Reshape: give 1 to 3 dimensions with at most one -1, got "
                    + java.util.Arrays.toString(targetShape));
        }
        this.targetShape = targetShape.clone();
    }

    public long[] targetShape() {
        return targetShape.clone();
    }

    @Override
    public Shape outputShape(Shape input) {
        long size = input.size();
        if (size == Shape.NONE) {
            throw shapeError("cannot reshape an input with unknown dimensions " + input);
        }
        long known = 1;
        int free = -1;
        long[] out = targetShape.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                free = i;
            } else {
                known *= out[i];
            }
        }
        if (free >= 0) {
            if (size % known != 0) {
                throw shapeError("cannot infer -1 in target shape " + java.util.Arrays.toString(targetShape)
                        + " from an input of " + size + " values " + input);
            }
            out[free] = size / known;
        }
        Shape result = Shape.of(out);
        if (result.size() != size) {
            throw shapeError("total size of new array must be unchanged: input " + input + " has " + size
                    + " values, target " + result + " has " + result.size());
        }
        return result;
    }

    @Override
    protected void toDl4j(Translation t, Shape input) {
        Shape out = outputShape(input);
        t.preprocess(new KerasFlattenPreProcessor(input.dims(), out.dims()));
    }

    @Override
    protected void addConfig(java.util.Map<String, Object> c) {
        java.util.List<Object> dims = new java.util.ArrayList<>();
        for (long d : targetShape) {
            dims.add(d);
        }
        c.put("target_shape", dims);
    }

    public static Reshape fromConfig(LayerConfig c) {
        Object v = c.get("target_shape");
        if (!(v instanceof java.util.List<?> l) || l.isEmpty()) {
            throw c.error("target_shape", "expected a list of dimensions such as [7, 7, 64], found " + v);
        }
        long[] dims = new long[l.size()];
        for (int i = 0; i < dims.length; i++) {
            if (!(l.get(i) instanceof Long d)) {
                throw c.error("target_shape", "expected integers (or -1), found " + l);
            }
            dims[i] = d;
        }
        return new Reshape(dims);
    }
}
