package io.kerasish.internal;

import io.kerasish.layers.Layer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Trainable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The optimizer's per-weight state (Adam's m and v, SGD's momentum, ...) under tf.keras 2's names
 * ({@code Adam/dense/kernel/m:0}, in Keras's layout), read from and written into DL4J's updater.
 *
 * <p>DL4J keeps the state of consecutive parameters with the same updater in one block: for each state key a
 * run of values covering every parameter of the block, in the block's parameter order and each parameter's
 * flattening order. This class cuts those runs per parameter and converts them like the weights themselves.
 */
public final class OptimizerState {
    /** DL4J's state keys where Keras names the slot differently. */
    private static final Map<String, String> KERAS_SLOT = Map.of("M", "m", "V", "v", "G", "rms", "velocity", "momentum",
            "accumulated_delta", "accumulated_delta_var");

    private OptimizerState() {
    }

    /** One parameter's place in a block's state runs. */
    private record Slice(Layer<?> layer, Weight weight, INDArray paramView, long offset, long length) {
    }

    /** Keras's slot order, for the slot names kerasish's optimizers have. */
    private static final List<String> SLOT_ORDER = List.of("momentum", "m", "v", "rms", "accumulator",
            "accumulated_grad", "accumulated_delta_var");

    /**
     * The state of every trained weight, keyed {@code <optimizer>/<weight path>/<slot>:0}, in tf.keras's order:
     * slot by slot, and within a slot the weights in model order (kernel before bias).
     */
    public static Map<String, INDArray> read(MultiLayerNetwork net, List<Layer<?>> layers, String optimizer) {
        record Entry(int slot, String slotName, int layer, int weight, String name, INDArray value) {
        }
        List<Entry> entries = new ArrayList<>();
        for (UpdaterBlock block : blocks(net)) {
            if (block.getGradientUpdater() == null) {
                continue; // never trained: no state yet
            }
            @SuppressWarnings("unchecked")
            Map<String, INDArray> state = block.getGradientUpdater().getState();
            for (Map.Entry<String, INDArray> e : state.entrySet()) {
                float[] run = e.getValue().dup('c').data().asFloat();
                String slot = KERAS_SLOT.getOrDefault(e.getKey(), e.getKey());
                int slotRank = SLOT_ORDER.contains(slot) ? SLOT_ORDER.indexOf(slot) : SLOT_ORDER.size();
                for (Slice s : slices(block, layers)) {
                    float[] part = java.util.Arrays.copyOfRange(run, (int) s.offset, (int) (s.offset + s.length));
                    INDArray dl4j = Nd4j.createFromArray(part).reshape(s.paramView.ordering(), s.paramView.shape());
                    List<String> names = s.layer.weightsFor(s.layer.builtInputShape()).stream().map(Weight::name).toList();
                    int weightIndex = names.indexOf(s.weight.name());
                    entries.add(new Entry(slotRank, slot, layers.indexOf(s.layer), weightIndex, name(optimizer, s, e.getKey()),
                            s.weight.conversion().toKeras(dl4j, s.weight.shape())));
                }
            }
        }
        entries.sort(java.util.Comparator.comparingInt(Entry::slot).thenComparing(Entry::slotName)
                .thenComparingInt(Entry::layer).thenComparingInt(Entry::weight));
        Map<String, INDArray> out = new LinkedHashMap<>();
        entries.forEach(e -> out.put(e.name(), e.value()));
        return out;
    }

    /**
     * Writes saved state into the network's updater (created if needed).
     *
     * @return the names that matched no state of this network (empty when everything was restored)
     */
    public static List<String> write(MultiLayerNetwork net, List<Layer<?>> layers, String optimizer, Map<String, INDArray> values) {
        List<String> unused = new ArrayList<>(values.keySet());
        for (UpdaterBlock block : blocks(net)) {
            if (block.getGradientUpdater() == null) {
                block.init();
            }
            @SuppressWarnings("unchecked")
            Map<String, INDArray> state = block.getGradientUpdater().getState();
            for (Map.Entry<String, INDArray> e : state.entrySet()) {
                float[] run = e.getValue().dup('c').data().asFloat();
                boolean changed = false;
                for (Slice s : slices(block, layers)) {
                    String key = name(optimizer, s, e.getKey());
                    INDArray v = values.get(key);
                    if (v == null || !java.util.Arrays.equals(v.shape(), s.weight.shape())) {
                        continue;
                    }
                    INDArray dl4j = s.weight.conversion().toDl4j(v.castTo(DataType.FLOAT), s.paramView.shape());
                    float[] flat = dl4j.dup(s.paramView.ordering()).data().asFloat();
                    System.arraycopy(flat, 0, run, (int) s.offset, (int) s.length);
                    unused.remove(key);
                    changed = true;
                }
                if (changed) {
                    e.getValue().assign(Nd4j.createFromArray(run).reshape(e.getValue().shape()));
                }
            }
        }
        return unused;
    }

    private static String name(String optimizer, Slice s, String dl4jKey) {
        String path = s.layer.weightPath(s.weight.name()); // dense/kernel:0
        return optimizer + "/" + path.substring(0, path.length() - 2) + "/" + KERAS_SLOT.getOrDefault(dl4jKey, dl4jKey) + ":0";
    }

    private static List<UpdaterBlock> blocks(MultiLayerNetwork net) {
        org.deeplearning4j.nn.api.Updater u = net.getUpdater(true);
        if (!(u instanceof org.deeplearning4j.nn.updater.BaseMultiLayerUpdater<?> m)) {
            throw new IllegalStateException("unexpected DL4J updater " + u);
        }
        return m.getUpdaterBlocks();
    }

    /** The block's parameters that belong to kerasish layers, with their offsets inside the block's runs. */
    private static List<Slice> slices(UpdaterBlock block, List<Layer<?>> layers) {
        List<Slice> out = new ArrayList<>();
        long offset = 0;
        for (UpdaterBlock.ParamState ps : block.getLayersAndVariablesInBlock()) {
            long length = ps.getParamOffsetEnd() - ps.getParamOffsetStart();
            Layer<?> owner = owner(ps.getLayer(), layers);
            if (owner != null) {
                for (Weight w : owner.weightsFor(owner.builtInputShape())) {
                    if (w.dl4jKey().equals(ps.getParamName())) {
                        out.add(new Slice(owner, w, owner.dl4jLayer().getParam(w.dl4jKey()), offset, length));
                    }
                }
            }
            offset += length;
        }
        return out;
    }

    private static Layer<?> owner(Trainable t, List<Layer<?>> layers) {
        for (Layer<?> l : layers) {
            if (l.dl4jLayer() == t) {
                return l;
            }
        }
        return null;
    }
}
