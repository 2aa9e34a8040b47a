package dev.eddy.server;

/** Entry point of the eddy CLI. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("eddy: not built yet");
    }
}
