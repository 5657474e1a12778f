package io.kerasish.io.npy;

import io.kerasish.InvalidFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads numpy's {@code .npy} format (versions 1.0, 2.0 and 3.0): a magic string, a header that is a Python dict
 * literal ({@code {'descr': '<i8', 'fortran_order': False, 'shape': (5000,), }}), then the data.
 *
 * <p>Numeric types of either byte order and C or Fortran order are read into an {@link NpyArray} in C order.
 * Object arrays ({@code |O}) are pickled by numpy; they are read by {@link NpyPickle}, which accepts only what
 * numpy writes for an array whose elements are lists of ints and refuses every other pickle opcode or global.
 * Nothing is allocated from a size the file states before that size is checked against the bytes there are;
 * whatever the damage, the result is an {@link InvalidFileException} naming the file (and the npz entry).
 *
 * <p>{@link #write(Path, float[], long...)} writes what {@code np.save} writes for a C-order float32 array (format
 * 1.0), through a temporary file renamed into place.
 */
public final class Npy {
    /** Largest array in bytes: one Java array. */
    static final long MAX_BYTES = Integer.MAX_VALUE - 8;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private Npy() {
    }

    /** Reads one {@code .npy} file. */
    public static NpyArray read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new InvalidFileException(file, "is " + size + " bytes; kerasish reads .npy files up to 2 GB");
            }
            return parse(Files.readAllBytes(file), file, null);
        } catch (NoSuchFileException e) {
            throw new InvalidFileException(file, "no such file", e);
        } catch (IOException e) {
            throw new InvalidFileException(file, "cannot be read: " + e, e);
        }
    }

    /**
     * Writes a float32 array in C order as numpy's {@code np.save} does ({@code '<f4'}, format 1.0): a temporary
     * file beside the target, renamed into place, so a failure leaves the old file or none.
     *
     * @param data  the values in C (row-major) order
     * @param shape the dimensions; their product must equal {@code data.length}
     */
    public static void write(Path file, float[] data, long... shape) {
        long count = 1;
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + java.util.Arrays.toString(shape));
            }
            count *= d;
            dims.append(d).append(shape.length == 1 ? "," : ", ");
        }
        if (count != data.length) {
            throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " holds " + count
                    + " values, the data has " + data.length);
        }
        String shapeText = shape.length == 1 ? dims.toString() : dims.length() == 0 ? "" : dims.substring(0, dims.length() - 2);
        StringBuilder header = new StringBuilder("{'descr': '<f4', 'fortran_order': False, 'shape': (" + shapeText + "), }");
        while ((MAGIC.length + 4 + header.length() + 1) % 64 != 0) { // numpy pads the header to 64 bytes
            header.append(' ');
        }
        header.append('\n');
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(MAGIC.length + 4 + header.length() + 4 * data.length)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length())
                .put(header.toString().getBytes(StandardCharsets.US_ASCII));
        buf.asFloatBuffer().put(data);
        Path target = file.toAbsolutePath();
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try {
            Files.write(temp, buf.array());
            Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                e.addSuppressed(ignored);
            }
            throw new InvalidFileException(file, "cannot write: " + e, e);
        }
    }

    /** Parses the bytes of a {@code .npy} file; {@code entry} names the npz entry in messages (or null). */
    static NpyArray parse(byte[] bytes, Path file, String entry) {
        String where = entry == null ? "" : "entry '" + entry + "': ";
        if (bytes.length < 10 || !startsWithMagic(bytes)) {
            throw new InvalidFileException(file, where + "not a .npy array (it does not start with \\x93NUMPY)");
        }
        int major = bytes[6] & 0xff;
        int headerLength;
        int start;
        if (major == 1) {
            headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new InvalidFileException(file, where + "truncated .npy header");
            }
            long len = (bytes[8] & 0xffL) | (bytes[9] & 0xffL) << 8 | (bytes[10] & 0xffL) << 16 | (bytes[11] & 0xffL) << 24;
            if (len > bytes.length) {
                throw new InvalidFileException(file, where + "truncated: the header claims " + len + " bytes");
            }
            headerLength = (int) len;
            start = 12;
        } else {
            throw new InvalidFileException(file, where + ".npy format version " + major + "." + (bytes[7] & 0xff)
                    + " is not supported (1.0, 2.0 and 3.0 are)");
        }
        if (headerLength > bytes.length - start) {
            throw new InvalidFileException(file, where + "truncated: the header claims " + headerLength
                    + " bytes, " + (bytes.length - start) + " remain");
        }
        String header = new String(bytes, start, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Header h = Header.parse(header, file, where);
        int dataStart = start + headerLength;
        int remaining = bytes.length - dataStart;
        long count = 1;
        for (long d : h.shape) {
            count = d == 0 ? 0 : (count > MAX_BYTES / d ? MAX_BYTES + 1 : count * d);
        }
        if (h.descr.equals("|O")) {
            if (count > remaining) {
                throw new InvalidFileException(file, where + "truncated: shape " + h.shapeText() + " needs " + count
                        + " objects, only " + remaining + " bytes remain");
            }
            int[][] lists = new NpyPickle(bytes, dataStart, file, where).readObjectArray(h.shape, (int) count);
            if (h.fortran && h.shape.length > 1) {
                lists = fortranToC(lists, h.shape);
            }
            return new NpyArray(file, entry, "|O", h.shape, null, lists);
        }
        String dtype = normalize(h.descr, file, where);
        int itemSize = Integer.parseInt(dtype.substring(2));
        if (count > MAX_BYTES / itemSize) {
            throw new InvalidFileException(file, where + "shape " + h.shapeText() + " of " + h.descr
                    + " is larger than 2 GB, more than kerasish reads in one array");
        }
        long need = count * itemSize;
        if (need != remaining) {
            throw new InvalidFileException(file, where + (need > remaining ? "truncated: " : "") + "shape "
                    + h.shapeText() + " of " + h.descr + " needs " + need + " bytes of data, the file has " + remaining);
        }
        byte[] data = new byte[(int) need];
        System.arraycopy(bytes, dataStart, data, 0, data.length);
        if (h.descr.charAt(0) == '>' && itemSize > 1) {
            for (int i = 0; i < data.length; i += itemSize) {
                for (int a = i, b = i + itemSize - 1; a < b; a++, b--) {
                    byte t = data[a];
                    data[a] = data[b];
                    data[b] = t;
                }
            }
        }
        if (h.fortran && h.shape.length > 1) {
            data = fortranToC(data, h.shape, itemSize);
        }
        return new NpyArray(file, entry, dtype, h.shape, data, null);
    }

    private static boolean startsWithMagic(byte[] bytes) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** The little-endian spelling of a supported numeric type, or a refusal naming it. */
    private static String normalize(String descr, Path file, String where) {
        if (descr.length() >= 3) {
            char order = descr.charAt(0);
            char kind = descr.charAt(1);
            String size = descr.substring(2);
            boolean orderOk = order == '<' || order == '>' || order == '|';
            boolean ok = switch (kind) {
                case 'b' -> size.equals("1");
                case 'i', 'u' -> List.of("1", "2", "4", "8").contains(size);
                case 'f' -> size.equals("4") || size.equals("8");
                default -> false;
            };
            if (orderOk && ok) {
                return (size.equals("1") ? "|" : "<") + kind + size;
            }
        }
        throw new InvalidFileException(file, where + "dtype '" + descr + "' is not supported; kerasish reads bool, "
                + "int8-64, uint8-64, float32 and float64 (either byte order) and object arrays of lists of ints");
    }

    /** Reorders items from Fortran (column-major) order to C order. */
    private static byte[] fortranToC(byte[] data, long[] shape, int itemSize) {
        byte[] out = new byte[data.length];
        int[] src = fortranOffsets(shape);
        for (int c = 0; c < src.length; c++) {
            System.arraycopy(data, src[c] * itemSize, out, c * itemSize, itemSize);
        }
        return out;
    }

    private static int[][] fortranToC(int[][] items, long[] shape) {
        int[][] out = new int[items.length][];
        int[] src = fortranOffsets(shape);
        for (int c = 0; c < src.length; c++) {
            out[c] = items[src[c]];
        }
        return out;
    }

    /** For each C-order position, the Fortran-order position of the same element. */
    private static int[] fortranOffsets(long[] shape) {
        int rank = shape.length;
        long n = 1;
        long[] stride = new long[rank];
        for (int k = 0; k < rank; k++) {
            stride[k] = n;
            n *= shape[k];
        }
        int[] src = new int[(int) n];
        long[] index = new long[rank];
        for (int c = 0; c < n; c++) {
            long f = 0;
            for (int k = 0; k < rank; k++) {
                f += index[k] * stride[k];
            }
            src[c] = (int) f;
            for (int k = rank - 1; k >= 0 && ++index[k] == shape[k]; k--) {
                index[k] = 0;
            }
        }
        return src;
    }

    /** The header dict: {@code descr}, {@code fortran_order}, {@code shape}, parsed strictly. */
    private record Header(String descr, boolean fortran, long[] shape) {
        String shapeText() {
            StringBuilder s = new StringBuilder("(");
            for (int i = 0; i < shape.length; i++) {
                s.append(i > 0 ? ", " : "").append(shape[i]);
            }
            return s.append(shape.length == 1 ? ",)" : ")").toString();
        }

        static Header parse(String text, Path file, String where) {
            Map<String, Object> dict;
            try {
                Literal p = new Literal(text);
                dict = p.dict();
                p.end();
            } catch (IllegalArgumentException e) {
                throw new InvalidFileException(file, where + "malformed .npy header (" + e.getMessage() + "): "
                        + abbreviate(text));
            }
            if (!(dict.get("descr") instanceof String descr)) {
                throw new InvalidFileException(file, where + (dict.get("descr") instanceof List
                        ? "structured dtypes are not supported: " : "the .npy header has no 'descr' string: ")
                        + abbreviate(text));
            }
            if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
                throw new InvalidFileException(file, where + "the .npy header has no 'fortran_order': " + abbreviate(text));
            }
            if (!(dict.get("shape") instanceof long[] shape)) {
                throw new InvalidFileException(file, where + "the .npy header has no 'shape' tuple: " + abbreviate(text));
            }
            if (dict.size() != 3) {
                throw new InvalidFileException(file, where + "unexpected keys in the .npy header: " + abbreviate(text));
            }
            return new Header(descr, fortran, shape);
        }

        private static String abbreviate(String s) {
            return s.length() > 200 ? s.substring(0, 200) + "..." : s.strip();
        }
    }

    /** A parser of the Python literals a .npy header holds: a dict of str keys; str, bool, int tuple, list values. */
    private static final class Literal {
        private final String s;
        private int i;

        Literal(String s) {
            this.s = s;
        }

        Map<String, Object> dict() {
            expect('{');
            Map<String, Object> out = new HashMap<>();
            while (!peek('}')) {
                String key = string();
                expect(':');
                if (out.put(key, value()) != null) {
                    throw new IllegalArgumentException("key '" + key + "' twice");
                }
                if (!peek('}')) {
                    expect(',');
                }
            }
            expect('}');
            return out;
        }

        void end() {
            skip();
            if (i != s.length()) {
                throw new IllegalArgumentException("text after the dict");
            }
        }

        private Object value() {
            skip();
            if (peek('\'') || peek('"')) {
                return string();
            }
            if (peek('(')) {
                return tuple();
            }
            if (peek('[')) { // structured dtype: a list of tuples; read for the message only
                List<Object> items = new ArrayList<>();
                expect('[');
                int depth = 1;
                while (depth > 0) {
                    if (i >= s.length()) {
                        throw new IllegalArgumentException("unclosed list");
                    }
                    char c = s.charAt(i++);
                    depth += c == '[' ? 1 : c == ']' ? -1 : 0;
                }
                return items;
            }
            for (String word : List.of("True", "False")) {
                if (s.startsWith(word, i)) {
                    i += word.length();
                    return word.equals("True");
                }
            }
            throw new IllegalArgumentException("unexpected character at " + i);
        }

        private long[] tuple() {
            expect('(');
            List<Long> items = new ArrayList<>();
            while (!peek(')')) {
                items.add(integer());
                if (!peek(')')) {
                    expect(',');
                }
            }
            expect(')');
            long[] out = new long[items.size()];
            for (int k = 0; k < out.length; k++) {
                out[k] = items.get(k);
            }
            return out;
        }

        private long integer() {
            skip();
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && i - start < 18) {
                i++;
            }
            if (i == start || (i < s.length() && Character.isDigit(s.charAt(i)))) {
                throw new IllegalArgumentException("expected a dimension (0 to 10^18) at " + start);
            }
            return Long.parseLong(s.substring(start, i));
        }

        private String string() {
            skip();
            if (i >= s.length() || (s.charAt(i) != '\'' && s.charAt(i) != '"')) {
                throw new IllegalArgumentException("expected a string at " + i);
            }
            char quote = s.charAt(i++);
            int end = s.indexOf(quote, i);
            if (end < 0 || s.substring(i, end).indexOf('\\') >= 0) {
                throw new IllegalArgumentException("bad string at " + i);
            }
            String out = s.substring(i, end);
            i = end + 1;
            return out;
        }

        private boolean peek(char c) {
            skip();
            return i < s.length() && s.charAt(i) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at " + i);
            }
            i++;
        }

        private void skip() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
    }
}
