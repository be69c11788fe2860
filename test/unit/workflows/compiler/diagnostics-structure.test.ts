import { describe, expect, it } from "vitest";
import { compile, hasErrors } from "@/workflows/compiler";
import { act, base, decision, extend, link, lost, stage, withCode, won } from "./builders";

describe("structural diagnostics", () => {
  it("should compile the base fixture without diagnostics", () => {
    const result = compile(base());
    expect(result.diagnostics).toEqual([]);
    expect(hasErrors(result)).toBe(false);
  });

  describe("invalidDefinition", () => {
    it("should report each schema problem with its path, in both languages, and no machine", () => {
      const def = {
        ...base(),
        schemaVersion: 2,
        nodes: [{ ...stage("lead"), data: { kind: "stage", key: "Bad" } }],
      };
      const result = compile(def);
      expect(result.machine).toBeNull();
      expect(result.diagnostics.every((d) => d.code === "invalidDefinition" && d.severity === "error")).toBe(
        true,
      );
      const messages = result.diagnostics.map((d) => d.message.en);
      expect(messages.some((m) => m.includes("schemaVersion"))).toBe(true);
      expect(messages.some((m) => m.includes("nodes[0].data.key"))).toBe(true);
      expect(result.diagnostics.some((d) => d.message.zh.includes("期望"))).toBe(true);
    });

    it("should not throw on input that isn't an object", () => {
      expect(withCode(compile("nope"), "invalidDefinition")).toHaveLength(1);
      expect(withCode(compile(null), "invalidDefinition")[0]?.message.en).toContain("(root)");
    });

    it("should accept a valid definition", () => {
      expect(withCode(compile(base()), "invalidDefinition")).toEqual([]);
    });
  });

  describe("noStart", () => {
    it("should be an error, without a machine, when no start is set and none can be inferred", () => {
      const def = extend({ nodes: [stage("other")], edges: [act("other", "lose", "lost")] });
      delete def.initialNodeId;
      const result = compile(def);
      expect(withCode(result, "noStart")).toMatchObject([{ severity: "error" }]);
      expect(result.machine).toBeNull();
    });

    it("should be an error when the start names a missing node or a closed stage", () => {
      expect(withCode(compile({ ...base(), initialNodeId: "ghost" }), "noStart")).toMatchObject([
        { severity: "error" },
      ]);
      const atWon = compile({ ...base(), initialNodeId: "won" });
      expect(withCode(atWon, "noStart")).toMatchObject([{ severity: "error", nodeId: "won" }]);
      expect(atWon.machine).toBeNull();
    });

    it("should warn and use the only open stage nothing leads into when no start is set", () => {
      const def = base();
      delete def.initialNodeId;
      const result = compile(def);
      expect(withCode(result, "noStart")).toMatchObject([{ severity: "warning", nodeId: "lead" }]);
      expect(result.machine?.initial).toBe("lead");
      expect(hasErrors(result)).toBe(false);
    });

    it("should not report a start that is set", () => {
      expect(withCode(compile(base()), "noStart")).toEqual([]);
    });
  });

  describe("duplicateKey", () => {
    it("should report two nodes with the same key, without a machine", () => {
      const twin = { ...stage("lead"), id: "lead2" };
      const result = compile(extend({ nodes: [twin], edges: [act("lead2", "lose", "lost", { id: "x" })] }));
      expect(withCode(result, "duplicateKey")).toMatchObject([{ severity: "error", nodeId: "lead2" }]);
      expect(result.machine).toBeNull();
    });

    it("should report repeated node and edge ids", () => {
      const result = compile(extend({ nodes: [stage("lead")], edges: [act("lead", "win", "won")] }));
      const found = withCode(result, "duplicateKey");
      expect(found.some((d) => d.edgeId === "lead-win-won")).toBe(true);
      expect(found.some((d) => d.nodeId === "lead" && d.message.en.includes("id"))).toBe(true);
    });

    it("should not report distinct keys", () => {
      expect(withCode(compile(base()), "duplicateKey")).toEqual([]);
    });
  });

  describe("danglingEdge", () => {
    it("should report an edge to a missing node, without a machine", () => {
      const result = compile(extend({ edges: [act("lead", "go", "ghost")] }));
      expect(withCode(result, "danglingEdge")).toMatchObject([
        { severity: "error", edgeId: "lead-go-ghost" },
      ]);
      expect(result.machine).toBeNull();
    });

    it("should not report edges between existing nodes", () => {
      expect(withCode(compile(base()), "danglingEdge")).toEqual([]);
    });
  });

  describe("edgeOutOfFinal", () => {
    it("should report an edge out of a won stage and leave it out of the machine", () => {
      const result = compile(extend({ edges: [act("won", "reopen", "lead")] }));
      expect(withCode(result, "edgeOutOfFinal")).toMatchObject([
        { severity: "error", edgeId: "won-reopen-lead" },
      ]);
      expect(result.machine?.states.won?.on).toBeUndefined();
    });

    it("should warn about a time limit on a closed stage and leave it out", () => {
      const def = base();
      def.nodes[1] = stage("won", { outcome: "won", probability: 100, timeLimit: { days: 1, then: [] } });
      const result = compile(def);
      expect(withCode(result, "edgeOutOfFinal")).toMatchObject([{ severity: "warning", nodeId: "won" }]);
      expect(result.delays).toEqual({});
    });

    it("should not report edges into closed stages", () => {
      expect(withCode(compile(base()), "edgeOutOfFinal")).toEqual([]);
    });
  });

  describe("missingAction", () => {
    it("should report an edge out of a stage without an action", () => {
      const result = compile(extend({ edges: [link("lead", "won")] }));
      expect(withCode(result, "missingAction")).toMatchObject([
        { severity: "error", edgeId: "lead-auto-won" },
      ]);
    });

    it("should report an edge out of a decision with an action", () => {
      const result = compile(
        extend({
          nodes: [decision("route")],
          edges: [
            act("lead", "route", "route"),
            act("route", "push", "won"),
            link("route", "lost", { branch: "default" }),
          ],
        }),
      );
      expect(withCode(result, "missingAction")).toMatchObject([
        { severity: "error", edgeId: "route-push-won" },
      ]);
    });

    it("should accept actions on stage edges and none on decision edges", () => {
      const result = compile(
        extend({
          nodes: [decision("route")],
          edges: [act("lead", "route", "route"), link("route", "won", { branch: "default" })],
        }),
      );
      expect(withCode(result, "missingAction")).toEqual([]);
    });
  });

  it("should sort diagnostics by severity, code, node and edge", () => {
    const def = {
      ...base(),
      nodes: [stage("lead"), won(), lost(), stage("b"), stage("a")],
      edges: [act("lead", "win", "won")],
    };
    const { diagnostics } = compile(def);
    const keys = diagnostics.map((d) =>
      [d.severity === "error" ? 0 : 1, d.code, d.nodeId ?? "", d.edgeId ?? ""].join("|"),
    );
    expect(keys).toEqual([...keys].sort());
    expect(diagnostics.length).toBeGreaterThan(2);
  });
});
