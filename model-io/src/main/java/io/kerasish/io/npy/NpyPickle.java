package io.kerasish.io.npy;

import io.kerasish.InvalidFileException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of the pickle numpy writes for an object array whose elements are lists of ints, as in Keras's
 * {@code imdb.npz}. It is a small stack machine that knows only these opcodes: PROTO, FRAME, STOP, MARK, the memo
 * (PUT/GET in their binary forms, MEMOIZE), NONE, NEWTRUE, NEWFALSE, BININT/BININT1/BININT2/LONG1 (up to 8 bytes),
 * the binary string and bytes forms, the tuples, EMPTY_LIST/APPEND/APPENDS, GLOBAL/STACK_GLOBAL, REDUCE and BUILD.
 *
 * <p>Only these globals exist: {@code numpy.core.multiarray._reconstruct} (or {@code numpy._core...} as numpy 2
 * writes it), {@code numpy.ndarray}, {@code numpy.dtype}, and {@code _codecs.encode}, which Python 3 uses at
 * protocol 2 (numpy before 1.17 saved with it) to spell the bytes {@code b'b'}. REDUCE may only call
 * {@code _reconstruct(ndarray, (0,), b'b')}, {@code dtype('O8', False, True)} and {@code encode(<short str>,
 * 'latin1')}, which gives bytes; BUILD may only set an object dtype's state and an array's
 * state {@code (1, shape, dtype, fortran, list)}. Nothing is ever imported, called or instantiated: every other
 * opcode, global, call or object is refused with an {@link InvalidFileException} naming the file, the entry, the
 * opcode and its offset. This is not a general unpickler.
 */
final class NpyPickle {
    private static final Object MARK = new Object();

    private enum Global { RECONSTRUCT, NDARRAY, DTYPE, ENCODE }

    /** {@code dtype('O8')}; {@code built} once its state was set. */
    private static final class Dtype {
        boolean built;
    }

    /** What {@code _reconstruct} returns: an empty array waiting for its state. */
    private static final class Array {
        long[] shape;
        boolean fortran;
        PyList data;
    }

    /** A Python list; ints are kept unboxed while every element is one. */
    private static final class PyList {
        int[] ints = new int[8];
        List<Object> objects;
        int size;

        void add(Object o) {
            if (objects == null && o instanceof Long l && l == l.intValue()) {
                if (size == ints.length) {
                    ints = Arrays.copyOf(ints, size * 2);
                }
                ints[size++] = l.intValue();
                return;
            }
            if (objects == null) {
                objects = new ArrayList<>(Math.max(size + 1, 8));
                for (int k = 0; k < size; k++) {
                    objects.add((long) ints[k]);
                }
                ints = null;
            }
            objects.add(o);
            size++;
        }
    }

    private final byte[] b;
    private final Path file;
    private final String where;
    private int pos;
    private int opcodeAt;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    NpyPickle(byte[] bytes, int start, Path file, String where) {
        this.b = bytes;
        this.pos = start;
        this.file = file;
        this.where = where;
    }

    /** Runs the pickle and returns the array's elements; they must be {@code count} lists of ints, shape {@code shape}. */
    int[][] readObjectArray(long[] shape, int count) {
        Object result = run();
        if (!(result instanceof Array a) || a.data == null) {
            throw fail("the pickle does not hold a numpy array");
        }
        if (!Arrays.equals(a.shape, shape)) {
            throw fail("the pickled array has shape " + Arrays.toString(a.shape) + " but the .npy header says "
                    + Arrays.toString(shape));
        }
        if (a.fortran != false && shape.length > 1) {
            throw fail("Fortran-ordered object arrays are not supported");
        }
        if (a.data.size != count) {
            throw fail("the pickled array holds " + a.data.size + " elements, its shape needs " + count);
        }
        if (a.data.objects == null && count > 0) {
            throw fail("the array's elements are ints; kerasish reads object arrays whose elements are lists of ints");
        }
        int[][] out = new int[count][];
        for (int k = 0; k < count; k++) {
            if (!(a.data.objects.get(k) instanceof PyList list)) {
                throw fail("element " + k + " is " + describe(a.data.objects.get(k))
                        + "; kerasish reads object arrays whose elements are lists of ints");
            }
            if (list.objects != null) {
                Object bad = list.objects.stream().filter(o -> !(o instanceof Long l && l == l.intValue()))
                        .findFirst().orElse(null);
                throw fail("element " + k + " holds " + describe(bad) + "; only ints (32-bit) are read");
            }
            out[k] = Arrays.copyOf(list.ints, list.size);
        }
        return out;
    }

    private Object run() {
        while (true) {
            opcodeAt = pos;
            int op = u8();
            switch (op) {
                case 0x80 -> { // PROTO
                    int version = u8();
                    if (version < 2 || version > 5) {
                        throw fail("pickle protocol " + version + " (numpy writes 2 to 5)");
                    }
                }
                case 0x95 -> { // FRAME: a length prefix; the frame's bytes are read in place
                    long len = le(8);
                    if (len < 0 || len > b.length - pos) {
                        throw fail("FRAME of " + len + " bytes, " + (b.length - pos) + " remain");
                    }
                }
                case '.' -> { // STOP
                    if (stack.size() != 1 || !marks.isEmpty()) {
                        throw fail("STOP with " + stack.size() + " objects on the stack");
                    }
                    return stack.get(0);
                }
                case '(' -> { // MARK
                    marks.add(stack.size());
                    stack.add(MARK);
                }
                case 'q' -> memo.put((long) u8(), top()); // BINPUT
                case 'r' -> memo.put(le(4), top()); // LONG_BINPUT
                case 0x94 -> memo.put((long) memo.size(), top()); // MEMOIZE
                case 'h' -> push(recall(u8())); // BINGET
                case 'j' -> push(recall(le(4))); // LONG_BINGET
                case 'N' -> push(None.NONE);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'K' -> push((long) u8()); // BININT1
                case 'M' -> push(le(2)); // BININT2
                case 'J' -> push((long) (int) le(4)); // BININT
                case 0x8a -> push(long1()); // LONG1
                case 'C' -> push(new Bytes(bytes(u8()))); // SHORT_BINBYTES
                case 'B' -> push(new Bytes(bytes(le(4)))); // BINBYTES
                case 'U' -> push(new String(bytes(u8()), StandardCharsets.ISO_8859_1)); // SHORT_BINSTRING (Python 2 str)
                case 'T' -> push(new String(bytes(le(4)), StandardCharsets.ISO_8859_1)); // BINSTRING
                case 0x8c -> push(utf8(bytes(u8()))); // SHORT_BINUNICODE
                case 'X' -> push(utf8(bytes(le(4)))); // BINUNICODE
                case ')' -> push(new Tuple(List.of())); // EMPTY_TUPLE
                case 0x85 -> push(new Tuple(pop(1))); // TUPLE1
                case 0x86 -> push(new Tuple(pop(2))); // TUPLE2
                case 0x87 -> push(new Tuple(pop(3))); // TUPLE3
                case 't' -> push(new Tuple(popMark())); // TUPLE
                case ']' -> push(new PyList()); // EMPTY_LIST
                case 'a' -> list(stackAt(2)).add(pop(1).get(0)); // APPEND
                case 'e' -> { // APPENDS
                    List<Object> items = popMark();
                    PyList list = list(top());
                    items.forEach(list::add);
                }
                case 'c' -> push(global(line(), line())); // GLOBAL
                case 0x93 -> { // STACK_GLOBAL
                    List<Object> names = pop(2);
                    if (!(names.get(0) instanceof String module) || !(names.get(1) instanceof String name)) {
                        throw fail("STACK_GLOBAL without a module and a name");
                    }
                    push(global(module, name));
                }
                case 'R' -> push(reduce(pop(2))); // REDUCE
                case 'b' -> build(pop(2)); // BUILD
                default -> throw fail("this opcode is not allowed (kerasish reads only numpy's pickle of "
                        + "an object array of lists of ints, never a general pickle)");
            }
        }
    }

    private enum None { NONE }

    private record Tuple(List<Object> items) {
    }

    private record Bytes(byte[] value) {
    }

    private Object global(String module, String name) {
        if ((module.equals("numpy.core.multiarray") || module.equals("numpy._core.multiarray"))
                && name.equals("_reconstruct")) {
            return Global.RECONSTRUCT;
        }
        if (module.equals("numpy") && name.equals("ndarray")) {
            return Global.NDARRAY;
        }
        if (module.equals("numpy") && name.equals("dtype")) {
            return Global.DTYPE;
        }
        if (module.equals("_codecs") && name.equals("encode")) {
            return Global.ENCODE; // Python 3 at protocol 2 spells bytes b'b' as _codecs.encode('b', 'latin1')
        }
        throw fail("global " + module + "." + name + " is not allowed (only numpy's _reconstruct, ndarray and dtype)");
    }

    private Object reduce(List<Object> callAndArgs) {
        Object callable = callAndArgs.get(0);
        if (!(callAndArgs.get(1) instanceof Tuple args)) {
            throw fail("REDUCE without an argument tuple");
        }
        List<Object> a = args.items();
        if (callable == Global.ENCODE && a.size() == 2 && a.get(0) instanceof String text && text.length() <= 16
                && "latin1".equals(a.get(1))) {
            return new Bytes(text.getBytes(StandardCharsets.ISO_8859_1));
        }
        if (callable == Global.RECONSTRUCT && a.size() == 3 && a.get(0) == Global.NDARRAY
                && a.get(1) instanceof Tuple t && t.items().equals(List.of(0L))
                && (a.get(2) instanceof Bytes code && Arrays.equals(code.value(), new byte[] {'b'})
                        || "b".equals(a.get(2)))) { // Python 2 pickles pass the type code as a str
            return new Array();
        }
        if (callable == Global.DTYPE && a.size() == 3 && "O8".equals(a.get(0))
                && (a.get(1) == Boolean.FALSE || Long.valueOf(0).equals(a.get(1)))
                && (a.get(2) == Boolean.TRUE || Long.valueOf(1).equals(a.get(2)))) {
            return new Dtype();
        }
        if (callable == Global.DTYPE && a.size() == 3 && a.get(0) instanceof String type) {
            throw fail("a pickled array of dtype '" + type + "': kerasish reads object arrays of lists of ints only");
        }
        throw fail("REDUCE of " + describe(callable) + " with arguments " + describe(args) + " is not allowed");
    }

    private void build(List<Object> objectAndState) {
        Object target = objectAndState.get(0);
        if (!(objectAndState.get(1) instanceof Tuple state)) {
            throw fail("BUILD without a state tuple");
        }
        List<Object> s = state.items();
        if (target instanceof Dtype d && !d.built && (s.size() == 8 || s.size() == 9) && "|".equals(s.get(1))) {
            d.built = true;
            push(d);
            return;
        }
        if (target instanceof Array a && a.data == null && s.size() == 5 && s.get(0).equals(1L)
                && s.get(1) instanceof Tuple shape && s.get(2) instanceof Dtype d && d.built
                && s.get(3) instanceof Boolean fortran && s.get(4) instanceof PyList data) {
            long[] dims = new long[shape.items().size()];
            for (int k = 0; k < dims.length; k++) {
                if (!(shape.items().get(k) instanceof Long dim) || dim < 0) {
                    throw fail("the array's shape " + describe(shape) + " is not a tuple of sizes");
                }
                dims[k] = dim;
            }
            a.shape = dims;
            a.fortran = fortran;
            a.data = data;
            push(a);
            return;
        }
        throw fail("BUILD of " + describe(target) + " with state " + describe(state) + " is not allowed");
    }

    private PyList list(Object o) {
        if (!(o instanceof PyList l)) {
            throw fail("APPEND to " + describe(o) + ", not a list");
        }
        return l;
    }

    private Object recall(long key) {
        Object o = memo.get(key);
        if (o == null) {
            throw fail("memo entry " + key + " was never stored");
        }
        return o;
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object top() {
        return stackAt(1);
    }

    /** The object {@code depth} places from the top (1 = the top), never a mark. */
    private Object stackAt(int depth) {
        int k = stack.size() - depth;
        if (k < 0 || stack.get(k) == MARK || (!marks.isEmpty() && k < marks.get(marks.size() - 1))) {
            throw fail("stack underflow");
        }
        return stack.get(k);
    }

    /** Pops {@code n} objects above the last mark, in push order. */
    private List<Object> pop(int n) {
        int floor = marks.isEmpty() ? 0 : marks.get(marks.size() - 1) + 1;
        if (stack.size() - n < floor) {
            throw fail("stack underflow");
        }
        List<Object> top = stack.subList(stack.size() - n, stack.size());
        List<Object> out = new ArrayList<>(top);
        top.clear();
        return out;
    }

    /** Pops everything above the last mark, and the mark. */
    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw fail("no MARK to pop to");
        }
        int m = marks.remove(marks.size() - 1);
        List<Object> top = stack.subList(m + 1, stack.size());
        List<Object> out = new ArrayList<>(top);
        stack.subList(m, stack.size()).clear();
        return out;
    }

    private int u8() {
        if (pos >= b.length) {
            throw fail("truncated pickle");
        }
        return b[pos++] & 0xff;
    }

    /** An unsigned little-endian integer of {@code n} bytes. */
    private long le(int n) {
        if (n > b.length - pos) {
            throw fail("truncated pickle");
        }
        long v = 0;
        for (int k = 0; k < n; k++) {
            v |= (b[pos + k] & 0xffL) << (8 * k);
        }
        pos += n;
        return v;
    }

    private Long long1() {
        int n = u8();
        if (n > 8) {
            throw fail("an int of " + n + " bytes (LONG1); kerasish reads ints of up to 64 bits");
        }
        if (n == 0) {
            return 0L;
        }
        long v = le(n);
        if (n < 8 && (v & (1L << (8 * n - 1))) != 0) {
            v |= -1L << (8 * n); // sign-extend two's complement
        }
        return v;
    }

    private byte[] bytes(long n) {
        if (n < 0 || n > b.length - pos) {
            throw fail("truncated pickle: a string of " + n + " bytes, " + (b.length - pos) + " remain");
        }
        byte[] out = Arrays.copyOfRange(b, pos, pos + (int) n);
        pos += (int) n;
        return out;
    }

    private String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw fail("a string that is not UTF-8");
        }
    }

    /** A GLOBAL argument: text up to a newline, at most 256 bytes. */
    private String line() {
        int end = pos;
        while (end < b.length && end - pos < 256 && b[end] != '\n') {
            end++;
        }
        if (end >= b.length || b[end] != '\n') {
            throw fail("GLOBAL without a newline-terminated name");
        }
        String s = new String(b, pos, end - pos, StandardCharsets.ISO_8859_1);
        pos = end + 1;
        return s;
    }

    private static String describe(Object o) {
        if (o == null) {
            return "nothing";
        }
        if (o instanceof PyList l) {
            return "a list of " + l.size;
        }
        if (o instanceof Tuple t) {
            return "a tuple of " + t.items().size();
        }
        if (o instanceof Bytes) {
            return "bytes";
        }
        if (o instanceof String s) {
            return "the string '" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
        }
        if (o instanceof Long l) {
            return "the int " + l;
        }
        if (o instanceof Array) {
            return "a numpy array";
        }
        if (o instanceof Dtype) {
            return "a dtype";
        }
        return String.valueOf(o);
    }

    private InvalidFileException fail(String message) {
        int op = opcodeAt < b.length ? b[opcodeAt] & 0xff : -1;
        String name = NAMES.getOrDefault(op, op < 0 ? "end of data" : "0x" + Integer.toHexString(op)
                + (op >= 0x20 && op < 0x7f ? " '" + (char) op + "'" : ""));
        return new InvalidFileException(file, where + "object array pickle, opcode " + name + " at byte " + opcodeAt
                + ": " + message);
    }

    private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(0x80, "PROTO"), Map.entry(0x95, "FRAME"),
            Map.entry((int) '.', "STOP"), Map.entry((int) '(', "MARK"), Map.entry((int) 'q', "BINPUT"),
            Map.entry((int) 'r', "LONG_BINPUT"), Map.entry(0x94, "MEMOIZE"), Map.entry((int) 'h', "BINGET"),
            Map.entry((int) 'j', "LONG_BINGET"), Map.entry((int) 'K', "BININT1"), Map.entry((int) 'M', "BININT2"),
            Map.entry((int) 'J', "BININT"), Map.entry(0x8a, "LONG1"), Map.entry((int) 'C', "SHORT_BINBYTES"),
            Map.entry((int) 'B', "BINBYTES"), Map.entry((int) 'U', "SHORT_BINSTRING"), Map.entry((int) 'T', "BINSTRING"),
            Map.entry(0x8c, "SHORT_BINUNICODE"), Map.entry((int) 'X', "BINUNICODE"), Map.entry((int) 't', "TUPLE"),
            Map.entry(0x85, "TUPLE1"), Map.entry(0x86, "TUPLE2"), Map.entry(0x87, "TUPLE3"), Map.entry((int) ']', "EMPTY_LIST"),
            Map.entry((int) 'a', "APPEND"), Map.entry((int) 'e', "APPENDS"), Map.entry((int) 'c', "GLOBAL"),
            Map.entry(0x93, "STACK_GLOBAL"), Map.entry((int) 'R', "REDUCE"), Map.entry((int) 'b', "BUILD"),
            Map.entry((int) 'i', "INST"), Map.entry((int) 'o', "OBJ"), Map.entry(0x81, "NEWOBJ"), Map.entry(0x92, "NEWOBJ_EX"),
            Map.entry((int) '}', "EMPTY_DICT"), Map.entry((int) 's', "SETITEM"), Map.entry((int) 'u', "SETITEMS"),
            Map.entry((int) 'G', "BINFLOAT"), Map.entry((int) 'I', "INT"), Map.entry((int) 'L', "LONG"),
            Map.entry((int) 'S', "STRING"), Map.entry((int) 'V', "UNICODE"), Map.entry((int) 'p', "PUT"),
            Map.entry((int) 'g', "GET"), Map.entry(0x8b, "LONG4"), Map.entry((int) 'P', "PERSID"),
            Map.entry((int) 'Q', "BINPERSID"), Map.entry(0x82, "EXT1"), Map.entry(0x83, "EXT2"), Map.entry(0x84, "EXT4"),
            Map.entry(0x8f, "EMPTY_SET"), Map.entry(0x90, "ADDITEMS"), Map.entry(0x91, "FROZENSET"),
            Map.entry(0x96, "BYTEARRAY8"), Map.entry(0x97, "NEXT_BUFFER"), Map.entry(0x98, "READONLY_BUFFER"),
            Map.entry((int) ')', "EMPTY_TUPLE"), Map.entry((int) 'N', "NONE"), Map.entry(0x88, "NEWTRUE"),
            Map.entry(0x89, "NEWFALSE"), Map.entry((int) '0', "POP"), Map.entry((int) '1', "POP_MARK"),
            Map.entry((int) '2', "DUP"));
}
