package io.rgbunmix.cli;
public class Main { public static void main(String[] a) {} }
