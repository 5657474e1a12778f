package io.kerasish.tutorials;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * {@code @ExtendWith(NoDownloads.class)}: each test runs with {@code kerasish.offline=true} (a test must not fetch
 * Keras's 58-528 MB weight files), and the property is put back as it was afterwards.
 */
final class NoDownloads implements BeforeEachCallback, AfterEachCallback {
    private static final String PROPERTY = "kerasish.offline";
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoDownloads.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        String old = System.getProperty(PROPERTY);
        context.getStore(NS).put(PROPERTY, old == null ? "" : old);
        System.setProperty(PROPERTY, "true");
    }

    @Override
    public void afterEach(ExtensionContext context) {
        String old = context.getStore(NS).remove(PROPERTY, String.class);
        if (old == null || old.isEmpty()) {
            System.clearProperty(PROPERTY);
        } else {
            System.setProperty(PROPERTY, old);
        }
    }
}
