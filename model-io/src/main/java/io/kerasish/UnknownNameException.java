package io.kerasish;

import java.util.Collection;
import java.util.TreeSet;

/** A name (activation, layer class, optimizer, loss, metric, initializer, ...) that kerasish does not know. */
public class UnknownNameException extends KerasishException {
    private static final long serialVersionUID = 1L;

    /**
     * @param kind  what was looked up, e.g. "activation"
     * @param name  the name that was given
     * @param valid every name that would have worked
     * @param hint  how to fix it beyond picking a valid name, or null
     */
    public UnknownNameException(String kind, String name, Collection<String> valid, String hint) {
        super("Unknown " + kind + " '" + name + "'. Valid " + kind + " names: " + String.join(", ", new TreeSet<>(valid))
                + "." + (hint == null ? "" : " " + hint));
    }
}
