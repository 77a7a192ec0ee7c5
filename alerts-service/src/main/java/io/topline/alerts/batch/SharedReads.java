package io.topline.alerts.batch;

import jakarta.transaction.TransactionScoped;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The values one transaction shares through {@link BatchReads}; gone when the transaction ends. */
@TransactionScoped
public class SharedReads implements Serializable {

    private boolean enabled;
    private final transient Map<Object, Object> values = new HashMap<>();

    public void enable() {
        enabled = true;
    }

    public boolean enabled() {
        return enabled;
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Supplier<T> read) {
        Object value = values.get(key);
        if (value == null) {
            value = read.get();
            values.put(key, value);
        }
        return (T) value;
    }
}
