/**
 * Keras config documents: what {@code model.to_json()} returns and the YAML that Keras 2's {@code to_yaml()}
 * wrote. Both parse into plain Java values (ordered maps, lists, strings, {@code Long}, {@code Double},
 * {@code Boolean}, {@code null}) and are written back from them; what the values mean (layers, models) is up to
 * the kerasish API. JSON is written exactly as Python's {@code json.dumps} prints it; YAML is loaded with a
 * safe loader that refuses every tag but {@code !!python/tuple} and limits aliases, nesting and size.
 */
package io.kerasish.io.config;
