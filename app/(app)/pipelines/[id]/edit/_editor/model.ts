import type {
  LocalizedText,
  PipelineDefinition,
  PipelineEdge,
  PipelineNode,
} from "@/workflows/definition/schema";

/**
 * Pure edits of a pipeline definition, as the editor makes them. The editor's state IS the
 * definition (nodes carry their position), so every function here takes one and returns a new
 * one, never mutating: the undo stack keeps the old ones as they were.
 */

export type PaletteKind = "stage" | "decision" | "approval" | "won" | "lost";
export const PALETTE_KINDS: readonly PaletteKind[] = ["stage", "decision", "approval", "won", "lost"];

/** What a node is on the canvas: its data kind, or won / lost for closing stages. */
export function paletteKindOf(node: PipelineNode): PaletteKind {
  if (node.data.kind === "stage" && node.data.outcome !== "open") return node.data.outcome;
  return node.data.kind;
}

/** `base`, or `base_2`, `base_3`… : the first that `taken` does not hold. Keys stay readable. */
export function uniqueKey(base: string, taken: ReadonlySet<string>): string {
  const clean = sanitizeKey(base);
  if (!taken.has(clean)) return clean;
  const stem = clean.replace(/_\d+$/, "");
  for (let n = 2; ; n++) {
    const candidate = `${stem}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** `base`, or `base-2`, `base-3`…: an edge id (readable: source-action-target) not yet used. */
export function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** Makes a string a valid key (lower-case first letter; letters, digits, _; ≤ 64). */
export function sanitizeKey(text: string): string {
  let key = text.replace(/[^a-zA-Z0-9_]/g, "_").replace(/_+/g, "_");
  if (!/^[a-z]/.test(key)) key = /^[A-Z]/.test(key) ? key[0]!.toLowerCase() + key.slice(1) : `k_${key}`;
  return key.slice(0, 64).replace(/_$/, "") || "k";
}

/** Node ids and keys in use: the editor keeps a node's id equal to its key, so both must be free. */
export function nodeNames(def: PipelineDefinition): Set<string> {
  const taken = new Set<string>();
  for (const n of def.nodes) {
    taken.add(n.id);
    taken.add(n.data.key);
  }
  return taken;
}

const DEFAULT_NAMES: Record<PaletteKind, LocalizedText> = {
  stage: { zh: "新阶段", en: "New stage" },
  decision: { zh: "判断", en: "Decision" },
  approval: { zh: "审批", en: "Approval" },
  won: { zh: "赢单", en: "Won" },
  lost: { zh: "输单", en: "Lost" },
};

/** A fresh node of a palette kind, with a readable unique id/key (stage_2, decision_3…). */
export function newNode(
  def: PipelineDefinition,
  kind: PaletteKind,
  position: { x: number; y: number },
): PipelineNode {
  const key = uniqueKey(kind === "stage" ? `stage_${countKind(def, kind) + 1}` : kind, nodeNames(def));
  const name = DEFAULT_NAMES[kind];
  const numbered =
    kind === "stage"
      ? { zh: `${name.zh} ${countKind(def, kind) + 1}`, en: `${name.en} ${countKind(def, kind) + 1}` }
      : name;
  const base = { id: key, position: { x: Math.round(position.x), y: Math.round(position.y) } };
  switch (kind) {
    case "decision":
      return { ...base, data: { kind: "decision", key, name: numbered } };
    case "approval":
      return {
        ...base,
        data: {
          kind: "approval",
          key,
          name: numbered,
          approver: { kind: "teamManager" },
          notifyApprover: true,
        },
      };
    default:
      return {
        ...base,
        data: {
          kind: "stage",
          key,
          name: numbered,
          outcome: kind === "stage" ? "open" : kind,
          probability: kind === "won" ? 100 : kind === "lost" ? 0 : 20,
          requiredFields: [],
          exitChecklist: [],
        },
      };
  }
}

function countKind(def: PipelineDefinition, kind: PaletteKind) {
  return def.nodes.filter((n) => paletteKindOf(n) === kind).length;
}

export function addNode(def: PipelineDefinition, node: PipelineNode): PipelineDefinition {
  const nodes = [...def.nodes, node];
  // The first open stage of an empty process is where deals start.
  const initialNodeId =
    def.initialNodeId ?? (node.data.kind === "stage" && node.data.outcome === "open" ? node.id : undefined);
  return { ...def, nodes, ...(initialNodeId !== undefined && { initialNodeId }) };
}

/** Why a connection may not be drawn, or null when it may. */
export function connectionProblem(
  def: PipelineDefinition,
  source: string | null | undefined,
  target: string | null | undefined,
): "fromClosed" | "decisionLoop" | "missing" | null {
  const from = def.nodes.find((n) => n.id === source);
  const to = def.nodes.find((n) => n.id === target);
  if (!from || !to) return "missing";
  if (from.data.kind === "stage" && from.data.outcome !== "open") return "fromClosed";
  if (from.id === to.id && from.data.kind === "decision") return "decisionLoop";
  return null;
}

/** A new edge between two nodes with the defaults its source kind needs. */
export function newEdge(def: PipelineDefinition, source: string, target: string): PipelineEdge | null {
  if (connectionProblem(def, source, target)) return null;
  const from = def.nodes.find((n) => n.id === source)!;
  const to = def.nodes.find((n) => n.id === target)!;
  const out = def.edges.filter((e) => e.source === source);
  const edgeIds = new Set(def.edges.map((e) => e.id));
  let edge: Omit<PipelineEdge, "id">;
  if (from.data.kind === "stage") {
    const closing = to.data.kind === "stage" ? to.data.outcome : "open";
    const base = closing === "won" ? "closeWon" : closing === "lost" ? "closeLost" : `to_${to.data.key}`;
    const key = uniqueKey(base, new Set(out.map((e) => e.action?.key ?? "")));
    const name: LocalizedText =
      closing === "won"
        ? { zh: "赢单", en: "Close won" }
        : closing === "lost"
          ? { zh: "输单", en: "Close lost" }
          : { zh: `进入${to.data.name.zh}`, en: `Move to ${to.data.name.en}` };
    edge = { source, target, action: { key, name }, effects: [] };
  } else if (from.data.kind === "decision") {
    const hasDefault = out.some((e) => e.branch === "default" || (!e.condition && !e.branch));
    edge = { source, target, effects: [], ...(!hasDefault && { branch: "default" as const }) };
  } else {
    const branch = !out.some((e) => e.branch === "approve")
      ? "approve"
      : !out.some((e) => e.branch === "reject")
        ? "reject"
        : "approve";
    edge = { source, target, branch, effects: [] };
  }
  const label = edge.action?.key ?? edge.branch ?? "branch";
  return { id: uniqueId(`${source}-${label}-${target}`, edgeIds), ...edge };
}

export function addEdge(def: PipelineDefinition, edge: PipelineEdge): PipelineDefinition {
  return { ...def, edges: [...def.edges, edge] };
}

/** Removes nodes (with every edge touching them) and edges in one step. */
export function removeElements(
  def: PipelineDefinition,
  nodeIds: ReadonlySet<string>,
  edgeIds: ReadonlySet<string>,
): PipelineDefinition {
  if (nodeIds.size === 0 && edgeIds.size === 0) return def;
  const nodes = def.nodes.filter((n) => !nodeIds.has(n.id));
  const edges = def.edges.filter(
    (e) => !edgeIds.has(e.id) && !nodeIds.has(e.source) && !nodeIds.has(e.target),
  );
  const next: PipelineDefinition = { ...def, nodes, edges };
  if (def.initialNodeId && nodeIds.has(def.initialNodeId)) delete next.initialNodeId;
  return next;
}

/** Moves nodes to new positions (one drag = one step). */
export function moveNodes(def: PipelineDefinition, positions: ReadonlyMap<string, { x: number; y: number }>) {
  let changed = false;
  const nodes = def.nodes.map((n) => {
    const p = positions.get(n.id);
    if (!p || (p.x === n.position.x && p.y === n.position.y)) return n;
    changed = true;
    return { ...n, position: { x: Math.round(p.x), y: Math.round(p.y) } };
  });
  return changed ? { ...def, nodes } : def;
}

export function updateNode(def: PipelineDefinition, id: string, update: (n: PipelineNode) => PipelineNode) {
  return { ...def, nodes: def.nodes.map((n) => (n.id === id ? update(n) : n)) };
}

export function updateEdge(def: PipelineDefinition, id: string, update: (e: PipelineEdge) => PipelineEdge) {
  return { ...def, edges: def.edges.map((e) => (e.id === id ? update(e) : e)) };
}

/**
 * Renames a node's key. The editor keeps id = key, so edges, the start stage and time-limit
 * moves follow. Returns null when the key is invalid or taken.
 */
export function renameNodeKey(def: PipelineDefinition, id: string, key: string): PipelineDefinition | null {
  if (!/^[a-z][a-zA-Z0-9_]{0,63}$/.test(key)) return null;
  if (key === id) return def;
  const taken = nodeNames(def);
  const node = def.nodes.find((n) => n.id === id);
  if (!node) return null;
  taken.delete(node.id);
  taken.delete(node.data.key);
  if (taken.has(key)) return null;
  const rename = (x: string) => (x === id ? key : x);
  return {
    ...def,
    ...(def.initialNodeId !== undefined && { initialNodeId: rename(def.initialNodeId) }),
    nodes: def.nodes.map((n) => (n.id === id ? { ...n, id: key, data: { ...n.data, key } } : n)),
    edges: def.edges.map((e) =>
      e.source === id || e.target === id ? { ...e, source: rename(e.source), target: rename(e.target) } : e,
    ),
  };
}

/** What Ctrl/Cmd+C keeps: the selected nodes and the edges between them. */
export type Clipboard = { nodes: PipelineNode[]; edges: PipelineEdge[] };

export function copySelection(def: PipelineDefinition, nodeIds: ReadonlySet<string>): Clipboard {
  return {
    nodes: def.nodes.filter((n) => nodeIds.has(n.id)),
    edges: def.edges.filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target)),
  };
}

/** Pastes a clipboard with new ids and keys, offset so the copies do not hide the originals. */
export function paste(
  def: PipelineDefinition,
  clip: Clipboard,
  offset = 40,
): { def: PipelineDefinition; nodeIds: string[] } {
  const taken = nodeNames(def);
  const rename = new Map<string, string>();
  const nodes = clip.nodes.map((n) => {
    const key = uniqueKey(n.data.key, taken);
    taken.add(key);
    rename.set(n.id, key);
    return {
      ...n,
      id: key,
      position: { x: n.position.x + offset, y: n.position.y + offset },
      data: { ...n.data, key },
    };
  });
  const edgeIds = new Set(def.edges.map((e) => e.id));
  const edges = clip.edges.map((e) => {
    const source = rename.get(e.source)!;
    const target = rename.get(e.target)!;
    const id = uniqueId(`${source}-${e.action?.key ?? e.branch ?? "to"}-${target}`, edgeIds);
    edgeIds.add(id);
    return { ...e, id, source, target };
  });
  return {
    def: { ...def, nodes: [...def.nodes, ...nodes], edges: [...def.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
  };
}

/** An empty process with just the name: the canvas starts blank. */
export function emptyDefinition(name: LocalizedText): PipelineDefinition {
  return { schemaVersion: 1, name, fields: [], rules: [], nodes: [], edges: [] };
}
