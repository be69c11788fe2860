import { describe, expect, it } from "vitest";
import { compile, diagnose } from "@/workflows/compiler";
import { TEMPLATES } from "@/workflows/templates";
import { act, base, chain, extend, stage } from "./builders";

/** The editor badges what `diagnose` finds and the server publishes what `compile` allows: they must agree. */
describe("diagnose (the editor's live check)", () => {
  const cases: [string, unknown][] = [
    ["a clean pipeline", base()],
    ["a dead-end stage", extend({ nodes: [stage("stuck")], edges: [act("lead", "park", "stuck")] })],
    ["an edge to a missing node", extend({ edges: [act("lead", "go", "nowhere")] })],
    ["a stage without a name", { ...base(), nodes: [{ ...base().nodes[0], data: { kind: "stage" } }] }],
    ["not a definition at all", "hello"],
    ["a long chain", chain(40)],
    ...TEMPLATES.map((t): [string, unknown] => [`the ${t.key} template`, t.definition]),
  ];

  it.each(cases)("should find exactly what compile finds for %s", (_, definition) => {
    expect(diagnose(definition)).toEqual(compile(definition).diagnostics);
  });

  it("should report the dead end the admin must fix", () => {
    const codes = diagnose(extend({ nodes: [stage("stuck")], edges: [act("lead", "park", "stuck")] })).map(
      (d) => d.code,
    );
    expect(codes).toContain("deadEnd");
  });
});
