package dev.rolelab;

public final class Main {
    public static void main(String[] args) { }
}
