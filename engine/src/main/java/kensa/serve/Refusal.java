package kensa.serve;

/** An answer to send instead of the page: a status and a message for the user. */
final class Refusal extends Exception {
    final int status;

    Refusal(int status, String message) {
        super(message);
        this.status = status;
    }
}
