import type { CompiledState } from "@/workflows/machine/format";

/** One node's state, and the named delays (ms) it introduces. */
export type BuiltState = { state: CompiledState; delays: Record<string, number> };
