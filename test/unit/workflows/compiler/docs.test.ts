import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compile } from "@/workflows/compiler";
import type { CompiledMachine, DiagnosticCode } from "@/workflows/machine/format";

const DOC = readFileSync(
  path.resolve(import.meta.dirname, "../../../../docs/pipeline-definition.md"),
  "utf8",
);

/** The first fenced block of a language in the doc. */
function block(language: string): string {
  const match = new RegExp("```" + language + "\\n([\\s\\S]*?)\\n```").exec(DOC);
  if (!match?.[1]) throw new Error(`no ${language} block in docs/pipeline-definition.md`);
  return match[1];
}

/** Every diagnostic code: a Record, so a new code does not compile until it is listed here. */
const CODES: Record<DiagnosticCode, true> = {
  invalidDefinition: true,
  noStart: true,
  unreachable: true,
  deadEnd: true,
  noPathToClose: true,
  ambiguousAction: true,
  actionGap: true,
  decisionWithoutDefault: true,
  decisionMultipleDefaults: true,
  shadowedBranch: true,
  automaticLoop: true,
  unknownField: true,
  typeMismatch: true,
  unknownRule: true,
  unknownRequiredField: true,
  approvalWithoutApprover: true,
  approvalBranches: true,
  unknownTimeLimitAction: true,
  unknownImplementation: true,
  duplicateKey: true,
  danglingEdge: true,
  edgeOutOfFinal: true,
  missingAction: true,
};

describe("docs/pipeline-definition.md", () => {
  const example: unknown = JSON.parse(block("jsonc").replace(/^\s*\/\/.*$/gm, ""));
  const result = compile(example);

  it("should show an example that compiles without diagnostics", () => {
    expect(result.diagnostics).toEqual([]);
  });

  it("should show what the example really compiles to", () => {
    const shown = JSON.parse(block("json")) as { machine: CompiledMachine; delays: Record<string, number> };
    expect(result.machine?.initial).toBe(shown.machine.initial);
    for (const [key, state] of Object.entries(shown.machine.states))
      expect(result.machine?.states[key]).toEqual(state);
    expect(result.delays).toEqual(shown.delays);
  });

  it("should explain every diagnostic code", () => {
    for (const code of Object.keys(CODES)) expect(DOC, code).toContain(`| \`${code}\``);
  });
});
