import fc from "fast-check";
import { initialTransition, transition } from "xstate";
import { describe, expect, it } from "vitest";
import { checkImplementations, compile, hasErrors } from "@/workflows/compiler";
import type { PipelineDefinitionInput } from "@/workflows/definition/schema";
import type { CompileResult } from "@/workflows/machine/format";
import { definition, wellFormed } from "./arbitraries";
import { toXState } from "./builders";

const RUNS = { numRuns: 300 };

/** The machine runs in XState: it builds, starts, and every state answers each of its events. */
function expectRunnable(result: CompileResult) {
  if (!result.machine) return;
  expect(checkImplementations(result.machine, result.delays)).toEqual([]);
  const machine = toXState(result);
  expect(() => initialTransition(machine)).not.toThrow();
  for (const [key, state] of Object.entries(result.machine.states)) {
    if (state.always) continue; // a decision is never at rest
    const snapshot = machine.resolveState({ value: key, context: {} });
    for (const type of Object.keys(state.on ?? {}))
      expect(() => transition(machine, snapshot, { type })).not.toThrow();
  }
}

describe("compile, for any definition", () => {
  it("should never throw, even on arbitrary JSON", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = compile(input);
        expect(result.diagnostics.length + (result.machine ? 1 : 0)).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  it("should only point diagnostics at nodes and edges of the definition", () => {
    fc.assert(
      fc.property(definition, (def) => {
        const result = compile(def);
        const nodeIds = new Set(def.nodes.map((n) => n.id));
        const edgeIds = new Set(def.edges.map((e) => e.id));
        expect(result.diagnostics.filter((d) => d.code === "invalidDefinition")).toEqual([]);
        for (const d of result.diagnostics) {
          if (d.nodeId !== undefined) expect(nodeIds).toContain(d.nodeId);
          if (d.edgeId !== undefined) expect(edgeIds).toContain(d.edgeId);
          expect(d.message.zh.length * d.message.en.length).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it("should give byte-identical output for the same definition", () => {
    fc.assert(
      fc.property(definition, (def) => {
        const a = compile(def);
        const b = compile(JSON.parse(JSON.stringify(def)));
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      RUNS,
    );
  });

  it("should emit only machines XState accepts, and with no error a machine", () => {
    fc.assert(
      fc.property(definition, (def) => {
        const result = compile(def);
        if (!hasErrors(result)) expect(result.machine).not.toBeNull();
        expectRunnable(result);
      }),
      RUNS,
    );
  });

  it("should keep the hash when only positions move", () => {
    fc.assert(
      fc.property(definition, fc.integer(), (def, shift) => {
        const moved: PipelineDefinitionInput = {
          ...def,
          nodes: def.nodes.map((n) => ({ ...n, position: { x: n.position.x + shift, y: shift } })),
        };
        expect(compile(moved).hash).toBe(compile(def).hash);
      }),
      RUNS,
    );
  });

  it("should compile well-formed pipelines without errors into runnable machines", () => {
    fc.assert(
      fc.property(wellFormed, (def) => {
        const result = compile(def);
        expect(result.diagnostics).toEqual([]);
        expectRunnable(result);
      }),
      { numRuns: 100 },
    );
  });
});

describe("compile, at scale", () => {
  it("should compile a 500-stage pipeline without errors", async () => {
    const { chain } = await import("./builders");
    const result = compile(chain(500));
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(Object.keys(result.machine?.states ?? {})).toHaveLength(502);
  });
});
