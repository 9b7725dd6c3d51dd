package dev.bulwark.dockerfile.model;

/** One command of a stage with the state it runs in. */
public record Step(Command command, StageState state) {}
