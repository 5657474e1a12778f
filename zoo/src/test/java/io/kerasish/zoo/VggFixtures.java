package io.kerasish.zoo;

import io.kerasish.io.hdf5.H5Array;
import io.kerasish.io.hdf5.H5Group;
import io.kerasish.io.hdf5.Hdf5;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random VGG-16 conv-base weights in the layout of Keras's published {@code ..._notop.h5} (root attribute
 * {@code layer_names} with {@code input_1} and the pooling layers listed without weights, kernels (3, 3, in, out),
 * no keras_version attribute, {@code <layer>_W_1:0} / {@code <layer>_b_1:0} names), and a plain-Java forward pass
 * in double precision that shares no code with kerasish or DL4J.
 */
final class VggFixtures {
    static final int[][] BLOCKS = {{64, 2}, {128, 2}, {256, 3}, {512, 3}, {512, 3}};

    /** Kernels (3, 3, in, out) and biases of the 13 conv layers, in order. */
    final List<float[]> kernels = new ArrayList<>();
    final List<float[]> biases = new ArrayList<>();
    final List<int[]> inOut = new ArrayList<>();

    VggFixtures(long seed) {
        Random r = new Random(seed);
        int in = 3;
        for (int[] b : BLOCKS) {
            for (int c = 0; c < b[1]; c++) {
                int out = b[0];
                float[] k = new float[9 * in * out];
                double std = Math.sqrt(2.0 / (9 * in)); // He scale keeps activations of the same order
                for (int i = 0; i < k.length; i++) {
                    k[i] = (float) (r.nextGaussian() * std);
                }
                float[] bias = new float[out];
                for (int i = 0; i < out; i++) {
                    bias[i] = (float) (r.nextGaussian() * 0.1);
                }
                kernels.add(k);
                biases.add(bias);
                inOut.add(new int[] {in, out});
                in = out;
            }
        }
    }

    /** Writes the weights as Keras's published no-top file lays them out. */
    void write(Path file) {
        H5Group root = new H5Group();
        List<String> names = new ArrayList<>();
        names.add("input_1");
        root.putGroup("input_1").attrs().put("weight_names", new String[0]);
        int conv = 0;
        for (int b = 0; b < BLOCKS.length; b++) {
            for (int c = 1; c <= BLOCKS[b][1]; c++) {
                String n = "block" + (b + 1) + "_conv" + c;
                names.add(n);
                H5Group g = root.putGroup(n);
                g.attrs().put("weight_names", new String[] {n + "_W_1:0", n + "_b_1:0"});
                int[] io = inOut.get(conv);
                g.putDataset(n + "_W_1:0", H5Array.of(kernels.get(conv), 3, 3, io[0], io[1]));
                g.putDataset(n + "_b_1:0", H5Array.of(biases.get(conv), io[1]));
                conv++;
            }
            String p = "block" + (b + 1) + "_pool";
            names.add(p);
            root.putGroup(p).attrs().put("weight_names", new String[0]);
        }
        root.attrs().put("layer_names", names.toArray(String[]::new));
        Hdf5.write(file, root);
    }

    /** The conv base on channels-last images x (n, h, w, 3): 3x3 same ReLU convolutions and 2x2 max pooling. */
    double[][][][] forward(float[][][][] x) {
        double[][][][] a = new double[x.length][][][];
        for (int n = 0; n < x.length; n++) {
            a[n] = new double[x[n].length][x[n][0].length][];
            for (int i = 0; i < x[n].length; i++) {
                for (int j = 0; j < x[n][0].length; j++) {
                    a[n][i][j] = new double[3];
                    for (int c = 0; c < 3; c++) {
                        a[n][i][j][c] = x[n][i][j][c];
                    }
                }
            }
        }
        int conv = 0;
        for (int[] b : BLOCKS) {
            for (int c = 0; c < b[1]; c++) {
                for (int n = 0; n < a.length; n++) {
                    a[n] = convRelu(a[n], kernels.get(conv), biases.get(conv), inOut.get(conv));
                }
                conv++;
            }
            for (int n = 0; n < a.length; n++) {
                a[n] = maxPool(a[n]);
            }
        }
        return a;
    }

    private static double[][][] convRelu(double[][][] x, float[] k, float[] bias, int[] io) {
        int h = x.length;
        int w = x[0].length;
        int cin = io[0];
        int cout = io[1];
        double[][][] y = new double[h][w][cout];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                double[] acc = y[i][j];
                for (int o = 0; o < cout; o++) {
                    acc[o] = bias[o];
                }
                for (int dy = 0; dy < 3; dy++) {
                    int si = i + dy - 1;
                    for (int dx = 0; dx < 3; dx++) {
                        int sj = j + dx - 1;
                        if (si < 0 || si >= h || sj < 0 || sj >= w) {
                            continue; // "same" padding with zeros
                        }
                        double[] px = x[si][sj];
                        int base = (dy * 3 + dx) * cin * cout;
                        for (int ci = 0; ci < cin; ci++) {
                            double v = px[ci];
                            int row = base + ci * cout;
                            for (int o = 0; o < cout; o++) {
                                acc[o] += v * k[row + o];
                            }
                        }
                    }
                }
                for (int o = 0; o < cout; o++) {
                    acc[o] = Math.max(0, acc[o]);
                }
            }
        }
        return y;
    }

    private static double[][][] maxPool(double[][][] x) {
        int h = x.length / 2;
        int w = x[0].length / 2;
        int c = x[0][0].length;
        double[][][] y = new double[h][w][c];
        for (int i = 0; i < h; i++) {
            for (int j = 0; j < w; j++) {
                for (int o = 0; o < c; o++) {
                    y[i][j][o] = Math.max(Math.max(x[2 * i][2 * j][o], x[2 * i][2 * j + 1][o]),
                            Math.max(x[2 * i + 1][2 * j][o], x[2 * i + 1][2 * j + 1][o]));
                }
            }
        }
        return y;
    }
}
