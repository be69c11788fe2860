import type { CompiledMachine } from "@/workflows/machine/format";

/** Each stage's time limit in ms, by stage key, as the compiled machine names its delays. */
export function stageTimeLimits(compiled: { machine: CompiledMachine; delays: Record<string, number> }) {
  const limits = new Map<string, number>();
  for (const [key, state] of Object.entries(compiled.machine.states)) {
    const delay = state.meta.kind === "stage" ? state.meta.timeLimitDelay : undefined;
    const ms = delay ? compiled.delays[delay] : undefined;
    if (ms !== undefined) limits.set(key, ms);
  }
  return limits;
}
