package io.kerasish.tutorials;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The tutorials by name, in course order: {@code scripts/kerasish list} prints them, {@code scripts/kerasish run
 * NAME [args]} runs one. Each tutorial is a small program with a {@code main}; {@code --quick} runs a reduced
 * version (used by the smoke tests).
 */
public final class Tutorials {
    record Entry(String title, Consumer<String[]> main) {
    }

    static final Map<String, Entry> ALL = new LinkedHashMap<>();

    static {
        ALL.put("and", new Entry("01 AND-gate perceptron: hand-set weights, then learned", AndGate::main));
        ALL.put("xor", new Entry("02 XOR with an MLP (sigmoid hidden layer, softmax output, one-hot labels)", Xor::main));
        ALL.put("lenet", new Entry("04 LeNet-5 on Fashion-MNIST (or --mnist), test accuracy and training curves",
                LeNet::main));
        ALL.put("save-load", new Entry("06 Save and load: JSON, YAML, HDF5 weights and the full model, as Keras does",
                SaveLoad::main));
        ALL.put("auto-mpg", new Entry("12 Auto MPG regression: over-fitting, EarlyStopping, ModelCheckpoint, reload",
                AutoMpgRegression::main));
    }

    private Tutorials() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("list")) {
            ALL.forEach((name, e) -> System.out.printf("%-10s %s%n", name, e.title()));
            return;
        }
        Entry e = ALL.get(args[0]);
        if (e == null) {
            System.err.println("No tutorial named '" + args[0] + "'. Tutorials: " + String.join(", ", ALL.keySet())
                    + ". To run your own program give its path: scripts/kerasish run path/To/Script.java");
            System.exit(2);
        }
        String[] rest = new String[args.length - 1];
        System.arraycopy(args, 1, rest, 0, rest.length);
        e.main().accept(rest);
    }
}
