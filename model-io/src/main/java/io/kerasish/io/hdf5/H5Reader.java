package io.kerasish.io.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.Node;
import io.jhdf.api.NodeType;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.object.datatype.BitField;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.OrderedDataType;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import io.jhdf.object.message.DataLayout;
import io.kerasish.InvalidFileException;

import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies an open jhdf file into an {@link H5Group} tree, trusting nothing it reads: every size is checked against
 * the file before anything is allocated, the walk is bounded in depth and in objects, and a group that links back
 * to one of its parents is refused. Values are decoded here from the raw bytes rather than by jhdf, so fixed-length
 * strings come back as UTF-8 whatever charset h5py flagged them with.
 */
final class H5Reader {
    /** Deeper nesting than this is treated as corruption (Keras files nest a handful of levels). */
    static final int MAX_DEPTH = 64;
    /** Links plus attributes visited; bounds the work a corrupt file can ask for. */
    static final int MAX_OBJECTS = 1_000_000;
    /** Largest float[] the JVM can allocate. */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8;
    /** How much larger than the whole file compressed (filtered) data may claim to be: deflate tops out near 1032:1. */
    private static final long MAX_COMPRESSION_RATIO = 1100;
    /** Chunks may exceed a small dataset (h5py's automatic chunks reach 1 MiB), never this. */
    private static final long MAX_CHUNK_BYTES = 4 << 20;

    private final Path file;
    private final long fileSize;
    private final Map<Long, Object> seen = new HashMap<>();
    private final Set<Long> ancestors = new HashSet<>();
    private int objects;

    H5Reader(Path file, long fileSize) {
        this.file = file;
        this.fileSize = fileSize;
    }

    H5Group read(HdfFile root) {
        Superblock superblock = root.getHdfBackingStorage().getSuperblock();
        long end = superblock.getBaseAddressByte() + superblock.getEndOfFileAddress();
        if (end > fileSize || end < 0) { // what the HDF5 library itself refuses as "truncated file"
            throw corrupt("the file has " + fileSize + " bytes but its superblock says " + end);
        }
        H5Group out = new H5Group();
        seen.put(root.getAddress(), out);
        readGroup(root, out, "/", 0);
        return out;
    }

    private void readGroup(Group in, H5Group out, String path, int depth) {
        long address = in.getAddress();
        ancestors.add(address);
        readAttributes(in, out.attrs());
        for (Map.Entry<String, Node> child : in.getChildren().entrySet()) {
            String name = child.getKey();
            Node node = child.getValue();
            count();
            if (name == null || name.isEmpty() || name.indexOf('/') >= 0) {
                throw corrupt("invalid link name '" + name + "' in group '" + path + "'");
            }
            if (node.isLink()) {
                continue; // soft and external links are never followed
            }
            String childPath = path + name;
            if (node.getType() == NodeType.GROUP) {
                long childAddress = node.getAddress();
                if (ancestors.contains(childAddress)) {
                    throw corrupt("group '" + childPath + "' links back to one of its parents");
                }
                Object known = seen.get(childAddress);
                if (known instanceof H5Group shared) {
                    out.putGroupChild(name, shared);
                    continue;
                } else if (known != null) {
                    throw corrupt("group '" + childPath + "' shares its address with a dataset");
                }
                if (depth + 1 > MAX_DEPTH) {
                    throw corrupt("groups nested deeper than " + MAX_DEPTH + " levels at '" + childPath + "'");
                }
                H5Group group = new H5Group();
                seen.put(childAddress, group);
                out.putGroupChild(name, group);
                readGroup((Group) node, group, childPath + "/", depth + 1);
            } else if (node.getType() == NodeType.DATASET) {
                long childAddress = node.getAddress();
                Object known = seen.get(childAddress);
                H5Array array;
                if (known instanceof H5Array shared) {
                    array = shared;
                } else if (known != null) {
                    throw corrupt("dataset '" + childPath + "' shares its address with a group");
                } else {
                    array = readDataset((Dataset) node, childPath);
                    if (array != null) {
                        seen.put(childAddress, array);
                    }
                }
                if (array != null) {
                    out.putDatasetChild(name, array);
                }
            }
            // committed datatypes carry no data: skipped
        }
        ancestors.remove(address);
    }

    private void readAttributes(Node node, Map<String, Object> out) {
        for (Attribute a : node.getAttributes().values()) {
            count();
            Object value = attributeValue(a, node.getPath());
            if (value != null) {
                out.put(a.getName(), value);
            }
        }
    }

    /** The attribute as String, String[], Long, Double, long[] or double[]; null for types Keras never writes. */
    private Object attributeValue(Attribute a, String path) {
        DataType type = a.getDataType();
        Kind kind = Kind.of(type);
        if (kind == null) {
            return null;
        }
        long[] dims = a.getDimensionsAsLong();
        long n = checkedCount(dims, "attribute '" + a.getName() + "' of '" + path + "'");
        ByteBuffer buffer = a.getBuffer();
        boolean scalar = dims.length == 0;
        if (buffer == null || n == 0) {
            return kind.emptyArray(); // h5py writes [] as an empty float64 array
        }
        String where = "attribute '" + a.getName() + "' of '" + path + "'";
        if (kind == Kind.VLEN_STRING) {
            if (n > buffer.remaining() / Math.max(1, type.getSize())) {
                throw corrupt(where + " claims more values than it holds");
            }
            Object data = a.getData();
            if (scalar) {
                return asString(data, where);
            }
            List<String> flat = new ArrayList<>();
            flatten(data, flat, where, 0);
            return flat.toArray(new String[0]);
        }
        int size = type.getSize();
        if (size <= 0 || n > buffer.remaining() / size) {
            throw corrupt(where + " claims more bytes than it holds");
        }
        buffer.order(kind.order(type));
        int count = (int) n;
        return switch (kind) {
            case FIXED_STRING -> {
                String[] s = fixedStrings(buffer, count, size, ((StringData) type).getPaddingType());
                yield scalar ? s[0] : s;
            }
            case FLOAT -> {
                double[] d = new double[count];
                for (int i = 0; i < count; i++) {
                    d[i] = readDouble(buffer, i, size);
                }
                yield scalar ? (Object) d[0] : d;
            }
            default -> {
                long[] l = new long[count];
                for (int i = 0; i < count; i++) {
                    l[i] = readLong(buffer, i, size, kind.signed(type));
                }
                yield scalar ? (Object) l[0] : l;
            }
        };
    }

    /** The dataset as an H5Array, or null (skipped) when it is not numeric. */
    private H5Array readDataset(Dataset d, String path) {
        DataType type = d.getDataType();
        Kind kind = Kind.of(type);
        if (kind == null || kind == Kind.FIXED_STRING || kind == Kind.VLEN_STRING || !(d instanceof DatasetBase base)) {
            return null;
        }
        long[] shape = d.getDimensionsAsLong();
        if (shape.length > H5Array.MAX_RANK) {
            throw corrupt("dataset '" + path + "' has rank " + shape.length);
        }
        long n = checkedCount(shape, "dataset '" + path + "'");
        int size = type.getSize();
        if (n > MAX_VALUES) {
            throw corrupt("dataset '" + path + "' claims " + n + " values, more than Java can hold");
        }
        long bytes = n * size;
        boolean allocated = n > 0 && !d.isEmpty(); // an unallocated dataset is all fill value: zeros
        boolean plain = d.getDataLayout() != DataLayout.CHUNKED;
        // plain data lies in the file byte for byte; chunked data may be compressed, or sparse and filled
        long limit = allocated && plain ? fileSize : Math.min(MAX_VALUES * 8, fileSize * MAX_COMPRESSION_RATIO);
        if (bytes > limit) {
            throw corrupt("dataset '" + path + "' claims " + bytes + " bytes but the file has only " + fileSize);
        }
        if (d instanceof ChunkedDataset chunked) {
            checkChunks(chunked.getChunkDimensions(), shape.length, Math.max(bytes, MAX_CHUNK_BYTES) / size, path);
        }
        H5Type h5Type = kind == Kind.FLOAT ? (size == 8 ? H5Type.FLOAT64 : H5Type.FLOAT32) : H5Type.INT64;
        float[] data = new float[(int) n];
        if (allocated) {
            ByteBuffer buffer = base.getDataBuffer();
            if (buffer == null || buffer.remaining() < bytes) {
                throw corrupt("dataset '" + path + "' holds fewer bytes than its shape needs");
            }
            buffer.order(kind.order(type));
            decode(buffer, data, kind, size, kind.signed(type));
        }
        return new H5Array(h5Type, shape, data);
    }

    /** jhdf loops and allocates per chunk element before reading a byte: bound the chunk by the dataset. */
    private void checkChunks(int[] chunk, int rank, long maxElements, String path) {
        if (chunk == null || chunk.length != rank) {
            throw corrupt("dataset '" + path + "' has chunks of rank " + (chunk == null ? 0 : chunk.length)
                    + " for rank " + rank);
        }
        long elements = 1;
        for (int c : chunk) {
            elements *= c;
            if (c <= 0 || elements > maxElements) {
                throw corrupt("dataset '" + path + "' has impossible chunk dimensions " + Arrays.toString(chunk));
            }
        }
    }

    private static void decode(ByteBuffer buffer, float[] out, Kind kind, int size, boolean signed) {
        if (kind == Kind.FLOAT && size == 4) {
            buffer.slice().order(buffer.order()).asFloatBuffer().get(out);
        } else if (kind == Kind.FLOAT) {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) readDouble(buffer, i, size);
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = (float) readLong(buffer, i, size, signed);
            }
        }
    }

    private static double readDouble(ByteBuffer b, int i, int size) {
        int at = b.position() + i * size;
        return switch (size) {
            case 2 -> FloatingPoint.toFloat(b.getShort(at));
            case 4 -> b.getFloat(at);
            default -> b.getDouble(at);
        };
    }

    private static long readLong(ByteBuffer b, int i, int size, boolean signed) {
        int at = b.position() + i * size;
        return switch (size) {
            case 1 -> signed ? b.get(at) : b.get(at) & 0xFFL;
            case 2 -> signed ? b.getShort(at) : b.getShort(at) & 0xFFFFL;
            case 4 -> signed ? b.getInt(at) : b.getInt(at) & 0xFFFF_FFFFL;
            default -> b.getLong(at);
        };
    }

    private static String[] fixedStrings(ByteBuffer b, int n, int size, StringData.PaddingType padding) {
        String[] out = new String[n];
        byte[] bytes = new byte[size];
        for (int i = 0; i < n; i++) {
            b.get(b.position() + i * size, bytes);
            int end = 0;
            if (padding == StringData.PaddingType.NULL_TERMINATED) {
                while (end < size && bytes[end] != 0) {
                    end++;
                }
            } else {
                byte pad = padding == StringData.PaddingType.SPACE_PADDED ? (byte) ' ' : 0;
                end = size;
                while (end > 0 && bytes[end - 1] == pad) {
                    end--;
                }
            }
            out[i] = new String(bytes, 0, end, StandardCharsets.UTF_8);
        }
        return out;
    }

    private String asString(Object o, String where) {
        if (o instanceof String s) {
            return s;
        }
        throw corrupt(where + " is not a string");
    }

    private void flatten(Object o, List<String> out, String where, int depth) {
        if (o != null && o.getClass().isArray() && depth <= H5Array.MAX_RANK) {
            for (int i = 0, n = Array.getLength(o); i < n; i++) {
                flatten(Array.get(o, i), out, where, depth + 1);
            }
        } else {
            out.add(asString(o, where));
        }
    }

    private long checkedCount(long[] dims, String what) {
        if (dims == null) {
            return 0;
        }
        if (dims.length > H5Array.MAX_RANK) {
            throw corrupt(what + " has rank " + dims.length);
        }
        try {
            return H5Array.product(dims);
        } catch (IllegalArgumentException e) {
            throw corrupt(what + " has impossible dimensions " + Arrays.toString(dims));
        }
    }

    private void count() {
        if (++objects > MAX_OBJECTS) {
            throw corrupt("more than " + MAX_OBJECTS + " links and attributes");
        }
    }

    private InvalidFileException corrupt(String what) {
        return new InvalidFileException(file, "truncated or corrupt HDF5 file (" + what + ")");
    }

    /** The value kinds the reader understands; everything else (compound, reference, opaque...) is skipped. */
    private enum Kind {
        FIXED_STRING, VLEN_STRING, FLOAT, INTEGER;

        static Kind of(DataType t) {
            int size = t.getSize();
            if (t instanceof StringData) {
                return FIXED_STRING;
            }
            if (t instanceof VariableLength v) {
                return v.isVariableLengthString() ? VLEN_STRING : null;
            }
            if (t instanceof FloatingPoint) {
                return size == 2 || size == 4 || size == 8 ? FLOAT : null;
            }
            if (t instanceof FixedPoint || t instanceof BitField) {
                return size == 1 || size == 2 || size == 4 || size == 8 ? INTEGER : null;
            }
            if (t instanceof EnumDataType e && e.getBaseType() instanceof FixedPoint) { // h5py's bool
                return size == 1 || size == 2 || size == 4 || size == 8 ? INTEGER : null;
            }
            return null;
        }

        ByteOrder order(DataType t) {
            DataType ordered = t instanceof EnumDataType e ? e.getBaseType() : t;
            if (ordered instanceof OrderedDataType o && o.getByteOrder() != null) {
                return o.getByteOrder();
            }
            return ByteOrder.LITTLE_ENDIAN;
        }

        boolean signed(DataType t) {
            DataType base = t instanceof EnumDataType e ? e.getBaseType() : t;
            return base instanceof FixedPoint f && f.isSigned();
        }

        Object emptyArray() {
            return switch (this) {
                case FIXED_STRING, VLEN_STRING -> new String[0];
                case FLOAT -> new double[0];
                case INTEGER -> new long[0];
            };
        }
    }
}
