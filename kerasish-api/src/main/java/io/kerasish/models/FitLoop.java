package io.kerasish.models;

import io.kerasish.callbacks.Callback;
import io.kerasish.callbacks.ProgbarLogger;
import io.kerasish.internal.OutputCapture;
import io.kerasish.metrics.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One call of {@code fit}: Keras's epoch and batch loop around DL4J's per-batch training step. Logs are running
 * means over the epoch (loss weighted by batch size), then {@code val_*} from a pass over the validation data.
 */
final class FitLoop {
    private final Model model;
    private final Fit.Settings s;
    private final List<Callback> callbacks = new ArrayList<>();
    private final History history = new History();

    FitLoop(Model model, Fit.Settings settings) {
        this.model = model;
        this.s = settings;
        callbacks.addAll(settings.callbacks);
        if (settings.verbose > 0) {
            callbacks.add(new ProgbarLogger());
        }
        callbacks.add(history);
    }

    History run(Batches.Source train, Batches.Source validation) {
        MultiLayerNetwork net = model.dl4j();
        model.useThreads();
        Long seed = model.seedOrNull();
        List<Metric> metrics = model.newMetrics();
        OutputCapture capture = metrics.isEmpty() ? null : new OutputCapture();
        if (capture != null) {
            net.addListeners(capture);
        }
        model.stopTraining(false);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("epochs", s.epochs);
        params.put("steps", train.steps());
        params.put("verbose", s.verbose);
        params.put("do_validation", validation != null);
        List<String> keys = new ArrayList<>(List.of("loss"));
        metrics.forEach(m -> keys.add(m.name()));
        if (validation != null) {
            new ArrayList<>(keys).forEach(k -> keys.add("val_" + k));
        }
        params.put("metrics", List.copyOf(keys)); // the keys epoch logs will have, as Keras 2's params['metrics']
        for (Callback c : callbacks) {
            c.setModel(model);
            c.setParams(params);
        }
        try {
            Map<String, Double> logs = new LinkedHashMap<>();
            model.resumeAt(-1);
            callbacks.forEach(c -> c.onTrainBegin(Map.of()));
            int first = model.resumeEpoch() >= 0 ? model.resumeEpoch() : s.initialEpoch;
            for (int epoch = first; epoch < s.epochs && !model.stopTraining(); epoch++) {
                final int e = epoch;
                if (seed != null) { // dropout masks drawn from (seed, epoch): a resumed run repeats them
                    Nd4j.getRandom().setSeed(Batches.epochSeed(seed, epoch));
                }
                net.setEpochCount(epoch);
                callbacks.forEach(c -> c.onEpochBegin(e, Map.of()));
                Map<String, Double> epochLogs = trainEpoch(net, train, epoch, metrics, capture);
                if (validation != null) {
                    model.evaluate(validation).forEach((k, v) -> epochLogs.put("val_" + k, v));
                }
                logs = epochLogs;
                net.setEpochCount(epoch + 1);
                callbacks.forEach(c -> c.onEpochEnd(e, epochLogs));
            }
            Map<String, Double> last = logs;
            callbacks.forEach(c -> c.onTrainEnd(last));
        } finally {
            train.close();
            if (capture != null) {
                List<org.deeplearning4j.optimize.api.TrainingListener> rest = new ArrayList<>(net.getListeners());
                rest.remove(capture);
                net.setListeners(rest);
            }
        }
        return history;
    }

    private Map<String, Double> trainEpoch(MultiLayerNetwork net, Batches.Source train, int epoch, List<Metric> metrics,
            OutputCapture capture) {
        metrics.forEach(Metric::reset);
        double lossSum = 0;
        long seen = 0;
        int batch = 0;
        Map<String, Double> logs = new LinkedHashMap<>();
        for (Batches.Batch b : train.epoch(epoch)) {
            final int index = batch;
            callbacks.forEach(c -> c.onTrainBatchBegin(index, Map.of()));
            model.useThreads(); // again: a callback may have run another model
            io.kerasish.internal.CompilerThreads.afterBatch();
            if (b.weights() != null) {
                model.setSampleWeights(b.weights());
            }
            try {
                model.fitBatch(net, b.x(), b.y());
            } finally {
                if (b.weights() != null) {
                    model.setSampleWeights(null);
                }
            }
            lossSum += net.score() * b.size();
            seen += b.size();
            if (capture != null) {
                INDArray out = capture.take();
                for (Metric m : metrics) {
                    m.update(b.y(), out);
                }
            }
            logs = new LinkedHashMap<>();
            logs.put("loss", lossSum / seen);
            for (Metric m : metrics) {
                logs.put(m.name(), m.result());
            }
            Map<String, Double> batchLogs = logs;
            callbacks.forEach(c -> c.onTrainBatchEnd(index, batchLogs));
            batch++;
            if (model.stopTraining()) {
                break;
            }
        }
        return logs;
    }
}
