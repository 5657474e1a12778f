package io.kerasish.metrics;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras's {@code Precision}, {@code Recall} and {@code AUC}: counts of true/false positives/negatives over every
 * value of every batch since the last reset, at one threshold (0.5) or, for AUC, 200 thresholds spread over
 * [0, 1]; AUC is the area under the ROC curve by the trapezoidal rule, as Keras computes it.
 */
public final class ConfusionMetric extends Metric {
    enum Kind { PRECISION, RECALL, AUC }

    private final Kind kind;
    private final double[] thresholds;
    private final long[] tp;
    private final long[] fp;
    private final long[] tn;
    private final long[] fn;

    ConfusionMetric(String name, Kind kind) {
        super(name);
        this.kind = kind;
        if (kind == Kind.AUC) {
            int n = 200;
            thresholds = new double[n];
            for (int i = 0; i < n; i++) {
                thresholds[i] = (double) (i) / (n - 1);
            }
            thresholds[0] = -1e-7;
            thresholds[n - 1] = 1 + 1e-7;
        } else {
            thresholds = new double[] {0.5};
        }
        tp = new long[thresholds.length];
        fp = new long[thresholds.length];
        tn = new long[thresholds.length];
        fn = new long[thresholds.length];
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(tp, 0);
        java.util.Arrays.fill(fp, 0);
        java.util.Arrays.fill(tn, 0);
        java.util.Arrays.fill(fn, 0);
    }

    @Override
    public void update(INDArray yTrue, INDArray yPred) {
        float[] p = floats(yPred);
        float[] t = floats(yTrue);
        for (int i = 0; i < p.length; i++) {
            boolean positive = t[i] > 0.5f;
            for (int k = 0; k < thresholds.length; k++) {
                boolean predicted = p[i] > thresholds[k];
                if (predicted) {
                    if (positive) {
                        tp[k]++;
                    } else {
                        fp[k]++;
                    }
                } else if (positive) {
                    fn[k]++;
                } else {
                    tn[k]++;
                }
            }
        }
    }

    @Override
    public double result() {
        return switch (kind) {
            case PRECISION -> ratio(tp[0], tp[0] + fp[0]);
            case RECALL -> ratio(tp[0], tp[0] + fn[0]);
            case AUC -> auc();
        };
    }

    private double auc() {
        double area = 0;
        for (int k = 0; k < thresholds.length - 1; k++) {
            double tpr0 = ratio(tp[k], tp[k] + fn[k]);
            double tpr1 = ratio(tp[k + 1], tp[k + 1] + fn[k + 1]);
            double fpr0 = ratio(fp[k], fp[k] + tn[k]);
            double fpr1 = ratio(fp[k + 1], fp[k + 1] + tn[k + 1]);
            area += (fpr0 - fpr1) * (tpr0 + tpr1) / 2;
        }
        return area;
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
