package io.kerasish.layers;

import io.kerasish.InvalidConfigException;
import org.deeplearning4j.nn.conf.ConvolutionMode;

/** Keras's {@code padding} argument of convolution and pooling layers, and the output-size arithmetic. */
final class Padding {
    private Padding() {
    }

    static String check(String padding, String layer) {
        if (!"valid".equals(padding) && !"same".equals(padding)) {
            throw new InvalidConfigException(layer + ": padding must be \"valid\" or \"same\", got \"" + padding + "\"");
        }
        return padding;
    }

    static ConvolutionMode mode(String padding) {
        return "same".equals(padding) ? ConvolutionMode.Same : ConvolutionMode.Truncate;
    }

    /** Output length along one axis, as Keras computes it; {@code Shape.NONE} stays unknown. */
    static long outLength(long in, int kernel, int stride, int dilation, String padding) {
        if (in == Shape.NONE) {
            return Shape.NONE;
        }
        if ("same".equals(padding)) {
            return (in + stride - 1) / stride;
        }
        long effective = (long) (kernel - 1) * dilation + 1;
        return in < effective ? 0 : (in - effective) / stride + 1;
    }

    static int[] pair(int[] v, String what, String layer) {
        if (v.length == 1) {
            return new int[] {v[0], v[0]};
        }
        if (v.length != 2 || v[0] < 1 || v[1] < 1) {
            throw new InvalidConfigException(layer + ": " + what + " must be one or two positive integers, got "
                    + java.util.Arrays.toString(v));
        }
        return v.clone();
    }

    /** Reads data_format (Keras 1: dim_ordering); channels-first configs are refused, Keras 1's "th" is converted. */
    static void readDataFormat(LayerConfig c) {
        String f = c.optString("channels_last", "data_format", "dim_ordering");
        if (!f.equals("tf") && !f.equals("th")) {
            checkDataFormat(f, c.className());
        }
    }

    static void checkDataFormat(String dataFormat, String layer) {
        if (!"channels_last".equals(dataFormat)) {
            throw new InvalidConfigException(layer + ": only data_format \"channels_last\" (images as (height, width, "
                    + "channels)) is supported, got \"" + dataFormat + "\". Transpose your images to channels-last.");
        }
    }
}
