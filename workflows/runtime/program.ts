import { setup, type AnyStateMachine } from "xstate";
import type { FieldDef, NamedRule, PipelineDefinition, PipelineEdge } from "@/workflows/definition/schema";
import type { CompileResult, CompiledMachine } from "@/workflows/machine/format";
import { createGuards, type GuardContext } from "./registry";

/**
 * A compiled pipeline version ready to run: the XState machine built from the
 * compiled JSON with the registry's implementations, plus the definition's indexes
 * the runtime needs to explain itself. Build once per version and cache by its id.
 */
export type Program = {
  definition: PipelineDefinition;
  compiled: CompileResult & { machine: CompiledMachine };
  machine: AnyStateMachine;
  edgesById: Map<string, PipelineEdge>;
  fields: FieldDef[];
  rules: NamedRule[];
};

/** Refuses a compile result with errors: such a version can never be published or run. */
export function createProgram(definition: PipelineDefinition, compiled: CompileResult): Program {
  if (!compiled.machine || compiled.diagnostics.some((d) => d.severity === "error")) {
    throw new Error("Cannot run a pipeline version whose compilation has errors");
  }
  const ctx: GuardContext = { fields: definition.fields, rules: definition.rules };
  const noop = () => {};
  // Actions are never executed here: transition() returns them and the shell performs them.
  const machine = setup({
    guards: createGuards(ctx),
    actions: {
      applyEffect: noop,
      requestApproval: noop,
      notifyOwner: noop,
      escalateToManager: noop,
      timeLimitMove: noop,
    },
    delays: compiled.delays,
  }).createMachine(compiled.machine as never) as unknown as AnyStateMachine;
  return {
    definition,
    compiled: compiled as Program["compiled"],
    machine,
    edgesById: new Map(definition.edges.map((e) => [e.id, e])),
    fields: definition.fields,
    rules: definition.rules,
  };
}
