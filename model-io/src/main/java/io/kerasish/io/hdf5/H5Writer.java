package io.kerasish.io.hdf5;

import io.jhdf.Superblock;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Node;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.message.DataSpace;
import io.jhdf.storage.HdfFileChannel;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Copies an {@link H5Group} tree into a jhdf writable file. Everything is checked before jhdf sees it, because jhdf
 * writes an oversized attribute silently corrupt (an object header message holds at most 65,535 bytes): long
 * String[] attributes are split the way Keras splits them, anything else too large is refused.
 */
final class H5Writer {
    /** Keras's {@code HDF5_OBJECT_HEADER_LIMIT}: the most bytes of attribute data per chunk. */
    static final int HEADER_LIMIT = 64512;
    /** Room kept for the attribute message's own header, name, datatype and dataspace. */
    private static final int MESSAGE_OVERHEAD = 1023;
    /** The attribute jhdf puts on every root group; it writes its own, so a copied one is dropped. */
    static final String JHDF_ATTRIBUTE = "_jHDF";

    private H5Writer() {
    }

    static void write(WritableGroup out, H5Group in) {
        write(out, in, "/", 0);
    }

    /**
     * Writes the file and closes it, in place of {@link WritableHdfFile#close()}. jhdf 0.13.0's close() appends its
     * "jHDF - version" trailer at the channel position, which is the end of the last dataset written, not the end
     * of the file: every group header written after the last dataset (a trailing Dropout or Flatten group) gets
     * overwritten. This does what close() does, minus the trailer, through jhdf's private fields.
     */
    static void finish(WritableHdfFile out) throws ReflectiveOperationException, java.io.IOException {
        WritableNode root = (WritableNode) field(out, "rootGroup");
        HdfFileChannel channel = (HdfFileChannel) field(out, "hdfFileChannel");
        Superblock.SuperblockV2V3 superblock = (Superblock.SuperblockV2V3) field(out, "superblock");
        long end = root.write(channel, WritableHdfFile.ROOT_GROUP_ADDRESS);
        long endOfFile = Math.max(end, channel.getFileChannel().size());
        channel.write(superblock.toBuffer(endOfFile), 0L);
        channel.getFileChannel().force(true);
        channel.close();
    }

    /** Closes jhdf's channel without writing, after a failure. */
    static void abandon(WritableHdfFile out) {
        try {
            ((HdfFileChannel) field(out, "hdfFileChannel")).close();
        } catch (Throwable ignored) {
            // best effort: on POSIX the temporary file is deleted anyway
        }
    }

    private static Object field(WritableHdfFile out, String name) throws ReflectiveOperationException {
        Field field = WritableHdfFile.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(out);
    }

    private static void write(WritableGroup out, H5Group in, String path, int depth) {
        if (depth > H5Reader.MAX_DEPTH) {
            throw new IllegalArgumentException("groups nested deeper than " + H5Reader.MAX_DEPTH + " at '" + path + "'");
        }
        writeAttributes(out, in.attrs(), path);
        for (Map.Entry<String, H5Group> e : in.groups().entrySet()) {
            String name = checkName(e.getKey(), path);
            write(out.putGroup(name), e.getValue(), path + name + "/", depth + 1);
        }
        for (Map.Entry<String, H5Array> e : in.datasets().entrySet()) {
            String name = checkName(e.getKey(), path);
            out.putDataset(name, javaArray(e.getValue(), path + name));
        }
    }

    private static void writeAttributes(WritableGroup out, Map<String, Object> attrs, String path) {
        for (Map.Entry<String, Object> e : attrs.entrySet()) {
            String name = e.getKey();
            Object value = e.getValue();
            String where = "attribute '" + name + "' of '" + path + "'";
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("blank attribute name in '" + path + "'");
            }
            if (path.equals("/") && name.equals(JHDF_ATTRIBUTE)) {
                continue;
            }
            int nameBytes = utf8Length(name);
            if (nameBytes > MESSAGE_OVERHEAD / 2) {
                throw new IllegalArgumentException(where + ": the name is longer than " + MESSAGE_OVERHEAD / 2 + " bytes");
            }
            if (value instanceof String s) {
                checkFits(where, utf8Length(s) + 1L);
                out.putAttribute(name, s);
            } else if (value instanceof String[] strings) {
                writeStrings(out, attrs, name, strings, where);
            } else if (value instanceof Long || value instanceof Double) {
                out.putAttribute(name, value);
            } else if (value instanceof long[] l) {
                checkFits(where, 8L * l.length);
                put(out, name, l.length == 0 ? empty(new FixedPoint(8) {
                    @Override
                    public ByteBuffer encodeData(Object data) {
                        return ByteBuffer.allocate(0);
                    }
                }) : l);
            } else if (value instanceof double[] d) {
                checkFits(where, 8L * d.length);
                put(out, name, d.length == 0 ? empty(new FloatingPoint(FloatingPoint.DOUBLE.toBuffer()) {
                    @Override
                    public ByteBuffer encodeData(Object data) {
                        return ByteBuffer.allocate(0);
                    }
                }) : d);
            } else {
                throw new IllegalArgumentException(where + " is a "
                        + (value == null ? "null" : value.getClass().getSimpleName())
                        + "; attributes must be String, String[], Long, Double, long[] or double[]");
            }
        }
    }

    /** Writes a String[] as one attribute, or as {@code name0, name1, ...} chunks exactly as Keras splits them. */
    private static void writeStrings(WritableGroup out, Map<String, Object> attrs, String name, String[] strings,
                                     String where) {
        if (strings.length == 0) {
            // jhdf cannot infer a type from an empty array: an empty |S1 array, which h5py reads as length 0
            put(out, name, empty(StringData.create(new String[] {""})));
            return;
        }
        int itemSize = 1; // jhdf stores each element null-terminated, in max(length) + 1 bytes
        for (String s : strings) {
            if (s == null) {
                throw new IllegalArgumentException(where + " contains null");
            }
            itemSize = Math.max(itemSize, utf8Length(s) + 1);
        }
        if (itemSize > HEADER_LIMIT) {
            throw new IllegalArgumentException(where + " has an element longer than " + (HEADER_LIMIT - 1)
                    + " bytes, which no HDF5 attribute can hold");
        }
        // numpy.array_split(data, chunks): the first (n % chunks) chunks get one element more
        int n = strings.length;
        int chunks = 1;
        while ((long) ((n + chunks - 1) / chunks) * itemSize > HEADER_LIMIT) {
            chunks++;
        }
        if (chunks == 1) {
            out.putAttribute(name, strings);
            return;
        }
        int from = 0;
        for (int c = 0; c < chunks; c++) {
            String chunkName = name + c;
            if (attrs.containsKey(chunkName)) {
                throw new IllegalArgumentException(where + " must be split into '" + chunkName
                        + "', ... but the group already has an attribute '" + chunkName + "'");
            }
            int length = n / chunks + (c < n % chunks ? 1 : 0);
            out.putAttribute(chunkName, Arrays.copyOfRange(strings, from, from + length));
            from += length;
        }
    }

    private static void checkFits(String where, long dataBytes) {
        if (dataBytes > HEADER_LIMIT) {
            throw new IllegalArgumentException(where + " holds " + dataBytes + " bytes; an HDF5 attribute holds at most "
                    + HEADER_LIMIT + " (store large data as a dataset)");
        }
    }

    private static void put(WritableGroup out, String name, Object value) {
        if (value instanceof Attribute a) {
            out.getAttributes().put(name, a); // jhdf's putAttribute cannot build an empty array
        } else {
            out.putAttribute(name, value);
        }
    }

    private static Attribute empty(DataType type) {
        return new EmptyAttribute(type);
    }

    private static String checkName(String name, String path) {
        if (name == null || name.isBlank() || name.indexOf('/') >= 0 || name.equals(".")) {
            throw new IllegalArgumentException("invalid name '" + name + "' in group '" + path + "'");
        }
        return name;
    }

    /** The nested Java array (or boxed scalar) jhdf infers type and shape from. */
    private static Object javaArray(H5Array a, String path) {
        long[] shape = a.shape();
        float[] data = a.data();
        if (data.length != H5Array.product(shape)) {
            throw new IllegalArgumentException("dataset '" + path + "' has " + data.length + " values for shape "
                    + Arrays.toString(shape));
        }
        if (shape.length == 0) {
            return switch (a.type()) {
                case FLOAT32 -> Float.valueOf(data[0]);
                case FLOAT64 -> Double.valueOf(data[0]);
                case INT64 -> Long.valueOf((long) data[0]);
            };
        }
        int[] dims = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == 0) {
                throw new IllegalArgumentException("dataset '" + path + "' has zero size " + Arrays.toString(shape)
                        + "; jhdf cannot write empty datasets");
            }
            dims[i] = Math.toIntExact(shape[i]);
        }
        Class<?> element = switch (a.type()) {
            case FLOAT32 -> float.class;
            case FLOAT64 -> double.class;
            case INT64 -> long.class;
        };
        Object array = Array.newInstance(element, dims);
        fill(array, dims, 0, data, 0, a.type());
        return array;
    }

    /** Copies {@code data} from {@code offset} into the nested array at dimension {@code d}; returns the next offset. */
    private static int fill(Object array, int[] dims, int d, float[] data, int offset, H5Type type) {
        if (d == dims.length - 1) {
            int n = dims[d];
            switch (type) {
                case FLOAT32 -> System.arraycopy(data, offset, (float[]) array, 0, n);
                case FLOAT64 -> {
                    double[] row = (double[]) array;
                    for (int i = 0; i < n; i++) {
                        row[i] = data[offset + i];
                    }
                }
                case INT64 -> {
                    long[] row = (long[]) array;
                    for (int i = 0; i < n; i++) {
                        row[i] = (long) data[offset + i];
                    }
                }
            }
            return offset + n;
        }
        for (int i = 0; i < dims[d]; i++) {
            offset = fill(Array.get(array, i), dims, d + 1, data, offset, type);
        }
        return offset;
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** An attribute of shape (0,): what h5py writes for {@code attrs[name] = []}. */
    private record EmptyAttribute(DataType type) implements Attribute {
        @Override
        public Node getNode() {
            return null;
        }

        @Override
        public String getName() {
            return null;
        }

        @Override
        public long getSize() {
            return 0;
        }

        @Override
        public long getSizeInBytes() {
            return 0;
        }

        @Override
        public int[] getDimensions() {
            return new int[] {0};
        }

        @Override
        public long[] getDimensionsAsLong() {
            return new long[] {0};
        }

        @Override
        public Object getData() {
            return new String[0];
        }

        @Override
        public Class<?> getJavaType() {
            return Object.class;
        }

        @Override
        public boolean isScalar() {
            return false;
        }

        @Override
        public boolean isEmpty() {
            return true;
        }

        @Override
        public ByteBuffer getBuffer() {
            return ByteBuffer.allocate(0);
        }

        @Override
        public DataSpace getDataSpace() {
            return DataSpace.fromObject(new String[0]);
        }

        @Override
        public DataType getDataType() {
            return type;
        }
    }
}
