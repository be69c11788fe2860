import { describe, expect, it } from "vitest";
import { historyReducer, initialHistory } from "@/app/(app)/pipelines/[id]/edit/_editor/history";
import { autoLayout } from "@/app/(app)/pipelines/[id]/edit/_editor/layout";
import { liveCheck } from "@/app/(app)/pipelines/[id]/edit/_editor/live-check";
import {
  addEdge,
  addNode,
  connectionProblem,
  copySelection,
  newEdge,
  newNode,
  paste,
  removeElements,
  renameNodeKey,
} from "@/app/(app)/pipelines/[id]/edit/_editor/model";
import { blankProcess } from "@/workflows/templates/blank";
import { defaultProcess } from "@/workflows/templates/default-process";

const at = { x: 0, y: 0 };

describe("editing a definition on the canvas", () => {
  it("gives new nodes readable unique keys and makes the first open stage of an empty process the start", () => {
    const empty = { ...blankProcess, nodes: [], edges: [], initialNodeId: undefined };
    const one = addNode(empty, newNode(empty, "stage", at));
    expect(one.nodes[0]!.id).toBe("stage_1");
    expect(one.initialNodeId).toBe("stage_1");
    const two = addNode(one, newNode(one, "stage", at));
    expect(two.nodes.map((n) => n.id)).toEqual(["stage_1", "stage_2"]);
    const won = newNode(two, "won", at);
    expect(won.data).toMatchObject({ kind: "stage", outcome: "won", probability: 100 });
  });

  it("refuses edges out of won or lost stages and a decision into itself", () => {
    let def = addNode(blankProcess, newNode(blankProcess, "decision", at));
    expect(connectionProblem(def, "won", "start")).toBe("fromClosed");
    expect(connectionProblem(def, "decision", "decision")).toBe("decisionLoop");
    expect(connectionProblem(def, "start", "decision")).toBeNull();
    expect(newEdge(def, "lost", "start")).toBeNull();
    def = addEdge(def, newEdge(def, "start", "decision")!);
    expect(def.edges.at(-1)!.action?.key).toBe("to_decision");
  });

  it("gives new edges the defaults of their source: actions, a default branch, approve then reject", () => {
    let def = addNode(blankProcess, newNode(blankProcess, "decision", at));
    def = addNode(def, newNode(def, "approval", at));
    const first = newEdge(def, "decision", "won")!;
    expect(first).toMatchObject({ id: "decision-default-won", branch: "default" });
    def = addEdge(def, first);
    expect(newEdge(def, "decision", "lost")!.branch).toBeUndefined();
    const approve = newEdge(def, "approval", "won")!;
    expect(approve.branch).toBe("approve");
    def = addEdge(def, approve);
    expect(newEdge(def, "approval", "start")!.branch).toBe("reject");
    // A second edge from a stage to won gets its own key.
    expect(newEdge(def, "start", "won")!.action?.key).toBe("closeWon_2");
  });

  it("deletes a node with its edges in one step, and unsets the start when it goes", () => {
    const def = removeElements(blankProcess, new Set(["start"]), new Set());
    expect(def.nodes.map((n) => n.id)).toEqual(["won", "lost"]);
    expect(def.edges).toEqual([]);
    expect(def.initialNodeId).toBeUndefined();
  });

  it("pastes copies with new keys and the edges between them, which still compile", () => {
    const clip = copySelection(defaultProcess, new Set(["lead", "contact"]));
    expect(clip.edges.map((e) => [e.source, e.target])).toContainEqual(["lead", "contact"]);
    const { def, nodeIds } = paste(defaultProcess, clip);
    expect(nodeIds).toEqual(["lead_2", "contact_2"]);
    expect(def.edges.some((e) => e.source === "lead_2" && e.target === "contact_2")).toBe(true);
    expect(liveCheck(def).diagnostics.filter((d) => d.code === "duplicateKey")).toEqual([]);
  });

  it("renames a node's key everywhere it is referenced, and refuses a taken or invalid one", () => {
    const def = renameNodeKey(blankProcess, "start", "followUp")!;
    expect(def.initialNodeId).toBe("followUp");
    expect(def.edges.every((e) => e.source === "followUp")).toBe(true);
    expect(renameNodeKey(blankProcess, "start", "won")).toBeNull();
    expect(renameNodeKey(blankProcess, "start", "Bad key")).toBeNull();
  });

  it("lays the process out left to right", () => {
    const def = autoLayout(blankProcess);
    const x = (id: string) => def.nodes.find((n) => n.id === id)!.position.x;
    expect(x("won")).toBeGreaterThan(x("start"));
    expect(x("lost")).toBeGreaterThan(x("start"));
  });

  it("puts diagnostics on the node or edge they are about", () => {
    const def = addNode(blankProcess, newNode(blankProcess, "stage", { x: 500, y: 0 }));
    const check = liveCheck(addEdge(def, newEdge(def, "start", "stage_2")!));
    expect(check.byNode.get("stage_2")?.items.map((d) => d.code)).toContain("deadEnd");
    expect(check.errors).toBeGreaterThan(0);
  });
});

describe("the undo stack", () => {
  const renamed = (zh: string) => ({ ...blankProcess, name: { ...blankProcess.name, zh } });

  it("undoes and redoes whole definitions, and a new change clears redo", () => {
    let h = initialHistory(blankProcess);
    h = historyReducer(h, { type: "apply", definition: renamed("a") });
    h = historyReducer(h, { type: "apply", definition: renamed("b") });
    h = historyReducer(h, { type: "undo" });
    expect(h.present.name.zh).toBe("a");
    h = historyReducer(h, { type: "redo" });
    expect(h.present.name.zh).toBe("b");
    h = historyReducer(h, { type: "undo" });
    h = historyReducer(h, { type: "apply", definition: renamed("c") });
    expect(h.future).toEqual([]);
    expect(historyReducer(h, { type: "redo" })).toBe(h);
  });

  it("counts typing into one field as one step, but not typing a while later", () => {
    let h = initialHistory(blankProcess);
    h = historyReducer(h, { type: "apply", definition: renamed("x"), tag: "name", at: 1000 });
    h = historyReducer(h, { type: "apply", definition: renamed("xy"), tag: "name", at: 1300 });
    expect(h.past).toHaveLength(1);
    h = historyReducer(h, { type: "apply", definition: renamed("xyz"), tag: "name", at: 5000 });
    expect(h.past).toHaveLength(2);
    h = historyReducer(h, { type: "undo" });
    expect(h.present.name.zh).toBe("xy");
  });
});
