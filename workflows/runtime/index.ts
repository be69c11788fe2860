export { createProgram, type Program } from "./program";
export { start, step } from "./step";
export { availableActions } from "./available-actions";
export type { Actor, AvailableAction, PersistedSnapshot, Refusal, ShellEffect, StepResult } from "./types";
export { stageTimeLimits } from "./time-limits";
