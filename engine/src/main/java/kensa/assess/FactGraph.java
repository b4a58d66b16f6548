package kensa.assess;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every element of a facility file becomes a fact of its own, so rules can match
 * {@code Device(...)} directly. Walks the bound object tree through getters that return
 * objects (or lists of objects) of the root's package.
 */
final class FactGraph {
    private final String factPackage;
    private final Map<Class<?>, List<Method>> children = new ConcurrentHashMap<>();

    FactGraph(Class<?> rootType) {
        this.factPackage = rootType.getPackageName();
    }

    List<Object> flatten(Object root) {
        List<Object> facts = new ArrayList<>();
        collect(root, facts);
        return facts;
    }

    private void collect(Object node, List<Object> facts) {
        facts.add(node);
        for (Method getter : children.computeIfAbsent(node.getClass(), this::childGetters)) {
            Object value = invoke(getter, node);
            if (value instanceof Collection<?> many) {
                for (Object each : many) if (isFact(each)) collect(each, facts);
            } else if (isFact(value)) {
                collect(value, facts);
            }
        }
    }

    private boolean isFact(Object value) {
        return value != null && !value.getClass().isEnum() && value.getClass().getPackageName().equals(factPackage);
    }

    private List<Method> childGetters(Class<?> type) {
        List<Method> getters = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && m.getName().startsWith("get")
                    && (List.class.isAssignableFrom(m.getReturnType())
                        || (m.getReturnType().getPackageName().equals(factPackage) && !m.getReturnType().isEnum()))) {
                getters.add(m);
            }
        }
        getters.sort((a, b) -> a.getName().compareTo(b.getName()));
        return getters;
    }

    private static Object invoke(Method getter, Object target) {
        try {
            return getter.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + getter, e);
        }
    }
}
