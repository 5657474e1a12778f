package io.kerasish.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Interop with h5py both ways: h5py (as Keras uses it) reads our files, and we read files h5py wrote. */
class Hdf5H5pyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static final String INSPECT = """
            import h5py, json, sys
            import numpy as np
            f = h5py.File(sys.argv[1], 'r')
            def text(v):
                return v.decode('utf8') if hasattr(v, 'decode') else str(v)
            def load_attributes(group, name):   # keras.saving.hdf5_format.load_attributes_from_hdf5_group
                if name in group.attrs:
                    return [n.decode('utf8') for n in group.attrs[name]]
                data, chunk = [], 0
                while '%s%d' % (name, chunk) in group.attrs:
                    data.extend([n.decode('utf8') for n in group.attrs['%s%d' % (name, chunk)]])
                    chunk += 1
                return data
            out = {'layer_names': load_attributes(f, 'layer_names'),
                   'layer_names_dtype': f.attrs['layer_names'].dtype.kind,
                   'backend': text(f.attrs['backend']),
                   'keras_version': text(f.attrs['keras_version']),
                   'model_config': json.loads(text(f.attrs['model_config'])),
                   'epochs': [type(f.attrs['epochs']).__name__, int(f.attrs['epochs'])],
                   'lr': float(f.attrs['lr']),
                   'steps': [int(x) for x in f.attrs['steps']],
                   'no_doubles': len(f.attrs['no_doubles']),
                   'no_longs': len(f.attrs['no_longs'])}
            out['weight_names'] = {g: load_attributes(f[g], 'weight_names') for g in ('dense_1', 'dropout_1', 'dense_2')}
            out['dropout_weight_names_len'] = len(f['dropout_1'].attrs['weight_names'])
            out['big'] = load_attributes(f['big'], 'layer_names')
            out['big_attrs'] = sorted(f['big'].attrs.keys())
            datasets = {}
            def visit(name, obj):
                if isinstance(obj, h5py.Dataset):
                    datasets[name] = {'dtype': str(obj.dtype), 'shape': list(obj.shape),
                                      'sum': float(np.sum(obj[()], dtype=np.float64)),
                                      'first': float(np.asarray(obj[()]).flat[0])}
            f.visititems(visit)
            out['datasets'] = datasets
            print(json.dumps(out))
            """;

    @Test
    void h5pyReadsWhatWeWriteTheWayKerasDoes() throws IOException {
        Python.assumeH5py();
        H5Group root = Trees.kerasWeights();
        root.attrs().put("model_config", "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"caf\u00e9\"}}");
        root.attrs().put("epochs", 7L);
        root.attrs().put("lr", 0.001);
        root.attrs().put("steps", new long[] {1, -2});
        root.attrs().put("no_doubles", new double[0]);
        root.attrs().put("no_longs", new long[0]);
        String[] many = new String[3000];
        for (int i = 0; i < many.length; i++) {
            many[i] = String.format("layer_%024d", i);
        }
        root.putGroup("big").attrs().put("layer_names", many);
        H5Group ranks = root.putGroup("ranks");
        for (int rank = 0; rank <= 5; rank++) {
            long[] shape = new long[rank];
            int n = 1;
            for (int d = 0; d < rank; d++) {
                shape[d] = d + 2;
                n *= d + 2;
            }
            ranks.putDataset("r" + rank + ":0", H5Array.of(Trees.ramp(n, 0.25f), shape));
        }
        Path file = dir.resolve("ours.h5");
        Hdf5.write(file, root);

        JsonNode out = JSON.readTree(Python.run(INSPECT, file.toString()));
        assertEquals(List.of("dense_1", "dropout_1", "dense_2"), strings(out.get("layer_names")));
        assertEquals("S", out.get("layer_names_dtype").asText(), "fixed-length byte strings, as h5py writes them");
        assertEquals("tensorflow", out.get("backend").asText());
        assertEquals("2.3.1", out.get("keras_version").asText());
        assertEquals("caf\u00e9", out.get("model_config").get("config").get("name").asText());
        assertEquals("int64", out.get("epochs").get(0).asText());
        assertEquals(7, out.get("epochs").get(1).asInt());
        assertEquals(0.001, out.get("lr").asDouble());
        assertEquals(List.of("1", "-2"), strings(out.get("steps")));
        assertEquals(0, out.get("no_doubles").asInt());
        assertEquals(0, out.get("no_longs").asInt());
        assertEquals(List.of("dense_1/kernel:0", "dense_1/bias:0"), strings(out.get("weight_names").get("dense_1")));
        assertEquals(List.of(), strings(out.get("weight_names").get("dropout_1")));
        assertEquals(0, out.get("dropout_weight_names_len").asInt());
        assertEquals(List.of(many), strings(out.get("big")));
        assertEquals(List.of("layer_names0", "layer_names1"), strings(out.get("big_attrs")));

        JsonNode ds = out.get("datasets");
        JsonNode kernel = ds.get("dense_1/dense_1/kernel:0");
        assertEquals("float32", kernel.get("dtype").asText());
        assertEquals(List.of("12", "4"), strings(kernel.get("shape")));
        assertEquals(-0.24, kernel.get("first").asDouble(), 1e-6);
        JsonNode iterations = ds.get("optimizer_weights/iterations:0");
        assertEquals("int64", iterations.get("dtype").asText());
        assertEquals(List.of(), strings(iterations.get("shape")));
        assertEquals(1234, iterations.get("first").asInt());
        for (int rank = 0; rank <= 5; rank++) {
            H5Array expected = root.dataset("ranks/r" + rank + ":0");
            JsonNode actual = ds.get("ranks/r" + rank + ":0");
            assertEquals("float32", actual.get("dtype").asText());
            assertEquals(rank, actual.get("shape").size());
            double sum = 0;
            for (float v : expected.data()) {
                sum += v;
            }
            assertEquals(sum, actual.get("sum").asDouble(), 1e-4, "rank " + rank);
            assertEquals(expected.data()[0], actual.get("first").asDouble(), 1e-7);
        }
    }

    private static final String WRITE_KERAS_2 = """
            import h5py, json, sys
            import numpy as np
            def write(path, libver):
                f = h5py.File(path, 'w', libver=libver)
                f.attrs['layer_names'] = [b'dense_1', b'dropout_1']
                f.attrs['backend'] = b'tensorflow'
                f.attrs['keras_version'] = '2.3.1'
                f.attrs['model_config'] = json.dumps({'class_name': 'Sequential', 'config': {'name': 'caf\\u00e9'}})
                f.attrs['vlen_names'] = np.array(['a', 'bb'], dtype=h5py.string_dtype())
                f.attrs['flag'] = True
                f.attrs['ints'] = np.arange(3, dtype=np.int32)
                f.attrs['half'] = np.float16(1.5)
                g = f.create_group('dense_1')
                g.attrs['weight_names'] = [b'dense_1/kernel:0', b'dense_1/bias:0']
                g.create_dataset('dense_1/kernel:0', data=np.arange(12, dtype=np.float32).reshape(3, 4) / 8)
                g.create_dataset('dense_1/bias:0', data=np.array([1, -2, 3, -4], dtype=np.float32))
                f.create_group('dropout_1').attrs['weight_names'] = []
                o = f.create_group('optimizer_weights')
                o.create_dataset('iterations:0', data=np.int64(42))
                o.create_dataset('f64', data=np.array([0.5, 1e-3]))
                o.create_dataset('i32', data=np.array([[1, -2], [3, 2**31 - 1]], dtype=np.int32))
                o.create_dataset('u8', data=np.array([0, 255], dtype=np.uint8))
                o.create_dataset('f16', data=np.array([0.5, -2], dtype=np.float16))
                o.create_dataset('big_endian', data=np.array([1.25, 2.5], dtype='>f4'))
                o.create_dataset('gzip', data=np.tile(np.arange(100, dtype=np.float32), 50).reshape(50, 100),
                                 chunks=(7, 30), compression='gzip', shuffle=True)
                o.create_dataset('unallocated', shape=(2, 3), dtype=np.float32)
                o.create_dataset('text', data=np.array([b'not', b'numbers']))
                o['soft'] = h5py.SoftLink('/dense_1')
                many = f.create_group('many')
                for i in range(40):
                    many.attrs['a%d' % i] = i
                if libver == 'latest':   # > 64 KiB: only possible with dense attribute storage (fractal heap)
                    many.attrs['huge'] = np.arange(20000, dtype=np.float64)
                f.close()
            write(sys.argv[1], 'earliest')
            write(sys.argv[2], 'latest')
            """;

    @Test
    void readsWhatH5pyWritesForKeras() throws IOException {
        Python.assumeH5py();
        Path earliest = dir.resolve("keras2_earliest.h5");
        Path latest = dir.resolve("keras2_latest.h5");
        Python.run(WRITE_KERAS_2, earliest.toString(), latest.toString());
        for (Path file : List.of(earliest, latest)) {
            H5Group root = Hdf5.read(file);
            String name = file.getFileName().toString();
            assertArrayEquals(new String[] {"dense_1", "dropout_1"}, root.stringArrayAttr("layer_names"), name);
            assertEquals("tensorflow", root.stringAttr("backend"), name);
            assertEquals("2.3.1", root.stringAttr("keras_version"), name);
            assertTrue(root.stringAttr("model_config").contains("\"name\": \"caf\\u00e9\""), name);
            assertArrayEquals(new String[] {"a", "bb"}, root.stringArrayAttr("vlen_names"), name);
            assertEquals(1L, root.attrs().get("flag"), name);
            assertArrayEquals(new long[] {0, 1, 2}, (long[]) root.attrs().get("ints"), name);
            assertEquals(1.5, root.attrs().get("half"), name);
            assertArrayEquals(new String[] {"dense_1/kernel:0", "dense_1/bias:0"},
                    root.group("dense_1").stringArrayAttr("weight_names"), name);
            assertArrayEquals(new String[0], root.group("dropout_1").stringArrayAttr("weight_names"), name);
            assertArrayEquals(new double[0], (double[]) root.group("dropout_1").attrs().get("weight_names"), name);

            H5Array kernel = root.dataset("dense_1/dense_1/kernel:0");
            assertEquals(H5Type.FLOAT32, kernel.type());
            assertArrayEquals(new long[] {3, 4}, kernel.shape());
            assertEquals(11 / 8f, kernel.data()[11]);
            assertArrayEquals(new float[] {1, -2, 3, -4}, root.dataset("dense_1/dense_1/bias:0").data());

            H5Group opt = root.group("optimizer_weights");
            assertEquals(new H5Array(H5Type.INT64, new long[0], new float[] {42}), opt.dataset("iterations:0"));
            assertEquals(new H5Array(H5Type.FLOAT64, new long[] {2}, new float[] {0.5f, 1e-3f}), opt.dataset("f64"));
            assertEquals(new H5Array(H5Type.INT64, new long[] {2, 2}, new float[] {1, -2, 3, 2147483647f}),
                    opt.dataset("i32"));
            assertArrayEquals(new float[] {0, 255}, opt.dataset("u8").data());
            assertEquals(new H5Array(H5Type.FLOAT32, new long[] {2}, new float[] {0.5f, -2}), opt.dataset("f16"));
            assertArrayEquals(new float[] {1.25f, 2.5f}, opt.dataset("big_endian").data());
            H5Array gzip = opt.dataset("gzip");
            assertArrayEquals(new long[] {50, 100}, gzip.shape());
            for (int i = 0; i < gzip.data().length; i++) {
                assertEquals(i % 100, gzip.data()[i], "gzip[" + i + "]");
            }
            assertArrayEquals(new float[6], opt.dataset("unallocated").data());
            assertNull(opt.dataset("text"), "string datasets are skipped");
            assertNull(opt.dataset("soft"), "links are not followed");
            assertNull(opt.group("soft"), "links are not followed");

            H5Group many = root.group("many");
            assertEquals(39L, many.attrs().get("a39"));
            if (file == latest) {
                assertEquals(41, many.attrs().size(), name);
                assertEquals(19999.0, ((double[]) many.attrs().get("huge"))[19999]);
            } else {
                assertEquals(40, many.attrs().size(), name);
            }
        }
    }

    private static List<String> strings(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
