package io.kerasish.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kerasish.FileUnavailableException;
import io.kerasish.InvalidConfigException;
import io.kerasish.ShapeMismatchException;
import io.kerasish.layers.Layer;
import io.kerasish.models.Sequential;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** VGG16's architecture, options and errors as Keras's; ImageNet preprocessing and decoding. Nothing is allocated. */
class VGG16Test {
    @TempDir
    Path dir;

    private static VGG16.Builder random() {
        return VGG16.builder().weights((String) null);
    }

    @Test
    void withTheTopItHasKerassLayersAndParameterCount() {
        Sequential m = random().build();
        String s = m.summaryString();
        assertTrue(s.startsWith("Model: \"vgg16\""), s);
        assertTrue(s.contains("Total params: 138,357,544"), s);
        assertTrue(s.contains("block1_conv1 (Conv2D)        (None, 224, 224, 64)      1792"), s);
        assertTrue(s.contains("flatten (Flatten)            (None, 25088)             0"), s);
        assertTrue(s.contains("fc1 (Dense)                  (None, 4096)              102764544"), s);
        assertTrue(s.contains("predictions (Dense)          (None, 1000)              4097000"), s);
        assertEquals(List.of("block1_conv1", "block1_conv2", "block1_pool", "block2_conv1", "block2_conv2",
                "block2_pool", "block3_conv1", "block3_conv2", "block3_conv3", "block3_pool", "block4_conv1",
                "block4_conv2", "block4_conv3", "block4_pool", "block5_conv1", "block5_conv2", "block5_conv3",
                "block5_pool", "flatten", "fc1", "fc2", "predictions"), m.layers().stream().map(Layer::name).toList());
        assertEquals("softmax", m.layers().get(21).outputActivation());
        assertTrue(m.toJson().contains("\"name\": \"input_1\"") || m.toJson().contains("\"name\":\"input_1\""));
    }

    @Test
    void withoutTheTopAndWithPooling() {
        Sequential m = random().includeTop(false).build();
        assertTrue(m.summaryString().contains("Total params: 14,714,688"), m.summaryString());
        assertArrayEquals(new long[] {7, 7, 512}, m.outputShape().dims());
        Sequential avg = random().includeTop(false).inputShape(150, 150, 3).pooling("avg").build();
        assertEquals("global_average_pooling2d", avg.layers().get(18).name());
        assertArrayEquals(new long[] {512}, avg.outputShape().dims());
        Sequential max = random().includeTop(false).inputShape(32, 48, 3).pooling("max").build();
        assertEquals("global_max_pooling2d", max.layers().get(18).name());
        assertEquals(14_714_688, max.countParams());
        Sequential small = random().inputShape(32, 32, 3).classes(10).classifierActivation(null).build();
        assertEquals("linear", small.layers().get(21).outputActivation());
        assertArrayEquals(new long[] {10}, small.outputShape().dims());
    }

    @Test
    void refusesWhatKerasRefuses() {
        assertMessage(() -> VGG16.builder().classes(10).build(), "1000 classes");
        assertMessage(() -> VGG16.builder().inputShape(150, 150, 3).build(), "(224, 224, 3)");
        assertMessage(() -> random().includeTop(false).inputShape(31, 64, 3).build(), "at least 32x32");
        assertMessage(() -> VGG16.builder().includeTop(false).inputShape(64, 64, 1).build(), "3 channels");
        assertMessage(() -> random().includeTop(false).pooling("sum").build(), "\"avg\" or \"max\"");
        assertMessage(() -> VGG16.builder().weights(dir.resolve("nope.h5")).build(), "nope.h5");
        assertMessage(() -> VGG16.builder().weights(Path.of("w.h5")).classifierActivation("sigmoid").build(),
                "softmax");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, call);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }

    @Test
    void imagenetOfflineSaysWhichFileToPutWhere() throws Exception {
        WeightsCache offline = new WeightsCache(dir.resolve("models"), true);
        FileUnavailableException e = assertThrows(FileUnavailableException.class,
                () -> VGG16.builder().includeTop(false).inputShape(32, 32, 3).cache(offline).build());
        assertTrue(e.getMessage().contains("vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5"), e.getMessage());
        assertTrue(e.getMessage().contains(dir.resolve("models").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(VGG16.WEIGHTS_PATH_NO_TOP), e.getMessage());
        Files.createDirectories(dir.resolve("models"));
        Files.writeString(dir.resolve("models").resolve(VGG16.weightsFileName(true)), "truncated");
        e = assertThrows(FileUnavailableException.class, () -> VGG16.builder().cache(offline).build());
        assertTrue(e.getMessage().contains("md5") && e.getMessage().contains(VGG16.WEIGHTS_MD5), e.getMessage());
    }

    @Test
    void classIndexIsKerassThousandClasses() throws Exception {
        List<String[]> idx = ImageNet.classIndex();
        assertEquals(1000, idx.size());
        assertArrayEquals(new String[] {"n01440764", "tench"}, idx.get(0));
        assertArrayEquals(new String[] {"n03126707", "crane"}, idx.get(517));
        assertArrayEquals(new String[] {"n15075141", "toilet_tissue"}, idx.get(999));
        try (var in = ImageNet.class.getResourceAsStream("imagenet_class_index.json")) {
            Path copy = dir.resolve("index.json");
            Files.write(copy, in.readAllBytes());
            assertEquals("c2c37ea517e94d9795004a39431a14cb", WeightsCache.md5(copy), "Keras's published file_hash");
        }
    }

    @Test
    void decodePredictionsGivesTheTopClassesInOrder() {
        INDArray p = Nd4j.zeros(2, 1000);
        p.putScalar(0, 281, 0.6).putScalar(0, 285, 0.3).putScalar(0, 7, 0.1);
        p.putScalar(1, 999, 0.9);
        List<List<ImageNet.Prediction>> d = VGG16.decodePredictions(p, 3);
        assertEquals(2, d.size());
        assertEquals("tabby", d.get(0).get(0).name());
        assertEquals("n02124075", d.get(0).get(1).classId());
        assertEquals("cock", d.get(0).get(2).name());
        assertEquals(0.6, d.get(0).get(0).score(), 1e-6);
        assertEquals("toilet_tissue", d.get(1).get(0).name());
        assertThrows(ShapeMismatchException.class, () -> VGG16.decodePredictions(Nd4j.zeros(2, 10), 5));
    }

    @Test
    void preprocessInputIsCaffeMode() {
        INDArray rgb = Nd4j.create(new float[] {10, 20, 30, 255, 0, 128}, new long[] {1, 1, 2, 3}, 'c');
        INDArray bgr = VGG16.preprocessInput(rgb);
        float[] v = bgr.dup('c').data().asFloat();
        float[] expected = {30 - 103.939f, 20 - 116.779f, 10 - 123.68f, 128 - 103.939f, 0 - 116.779f, 255 - 123.68f};
        assertArrayEquals(expected, v, 1e-4f);
        assertEquals(10f, rgb.getFloat(0), "the input is not modified");
        assertThrows(ShapeMismatchException.class, () -> VGG16.preprocessInput(Nd4j.zeros(1, 4, 4, 1)));
    }
}
