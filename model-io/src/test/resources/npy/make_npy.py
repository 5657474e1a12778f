"""Writes the .npy/.npz fixtures of NpyTest: `/usr/bin/python3 make_npy.py` (numpy 1.x) then
`python3 make_npy.py np2` with a numpy 2.x (only obj_np2.npy). Deterministic; the files are committed."""
import io, pickle, sys
import numpy as np

def objects(lists):
    a = np.empty(len(lists), dtype=object)
    for i, l in enumerate(lists):
        a[i] = l
    return a

if len(sys.argv) > 1 and sys.argv[1] == "np2":
    assert np.__version__.startswith("2"), np.__version__
    np.save("obj_np2.npy", objects([[1, 14, 22], [], [70000, -5]]))
    sys.exit(0)

np.save("u1.npy", (np.arange(24) + 200).astype(np.uint8).reshape(2, 3, 4))
np.save("i2_be_fortran.npy", np.asfortranarray(np.arange(-6, 6, dtype=">i2").reshape(3, 4)))
np.save("f8_fortran.npy", np.asfortranarray(np.linspace(-1, 1, 24).reshape(2, 3, 4)))
np.save("f4_scalar.npy", np.float32(3.25))
np.save("b1.npy", np.array([True, False, True]))
np.save("i8_empty.npy", np.zeros((0, 5), dtype=np.int64))
np.save("u8_big.npy", np.array([1, 2**64 - 1], dtype=np.uint64))
np.save("c8.npy", np.array([1 + 2j], dtype=np.complex64))
np.save("obj.npy", objects([[1, 14, 22], [], [70000, -5]]))
np.save("obj_long.npy", objects([[1, 2**40]]))
np.save("obj_str.npy", objects([[1, "two"]]))
np.save("obj_dict.npy", objects([{"a": 1}]))
# protocol 2 (Python 2 style: LONG1 for big ints, BINPUT memo) after a hand-written header
a = objects([[5, 6], [7]])
head = np.lib.format.header_data_from_array_1_0(a)
buf = io.BytesIO()
np.lib.format.write_array_header_1_0(buf, head)
open("obj_protocol2.npy", "wb").write(buf.getvalue() + pickle.dumps(a, protocol=2))
# a pickle that would run os.system('echo pwned') in a general unpickler
evil = b"cos\nsystem\n(S'echo pwned'\ntR."
open("evil_global.npy", "wb").write(buf.getvalue() + evil)
np.savez("stored.npz", x=np.arange(6, dtype=np.uint8).reshape(2, 3), y=np.array([0, 1], dtype=np.int64),
         s=objects([[1, 2, 3], [4]]))
np.savez_compressed("deflated.npz", np.arange(6, dtype="<f4").reshape(3, 2), np.array([7], dtype="<i4"))
