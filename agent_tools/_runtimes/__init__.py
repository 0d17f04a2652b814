"""Runtimes: one adapter per platform, reading its request into a call and writing the outcome."""
