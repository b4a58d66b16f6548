package kensa.assess;

/** Orders for texts that may be absent, written out because comparator chains cost more than the sorting itself. */
final class Texts {
    private Texts() {}

    /** Natural order with null (absent) first. */
    static int compare(String a, String b) {
        if (a == b) return 0;
        if (a == null) return -1;
        if (b == null) return 1;
        return a.compareTo(b);
    }
}
