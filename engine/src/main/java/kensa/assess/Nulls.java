package kensa.assess;

/**
 * Natural order with an absent value (null) first or last: written out rather than as comparator chains, which cost
 * more than the sorting itself on the per-facility path.
 */
final class Nulls {
    private Nulls() {}

    static <T extends Comparable<? super T>> int first(T a, T b) {
        if (a == b) return 0;
        if (a == null) return -1;
        if (b == null) return 1;
        return a.compareTo(b);
    }

    static <T extends Comparable<? super T>> int last(T a, T b) {
        if (a == b) return 0;
        if (a == null) return 1;
        if (b == null) return -1;
        return a.compareTo(b);
    }
}
