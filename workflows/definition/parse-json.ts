import type { z } from "zod";
import { PipelineDefinition } from "./schema";

/*
 * Reading a pipeline definition someone hands us (JSON import in the editor, a draft the
 * browser saves): every problem becomes a message key under the i18n namespace
 * `definitionErrors` with the values that make it readable, e.g. key "missing" with
 * { subject: "node", id: "n3", part: "nameEn" } → "节点 n3 缺少英文名称" / "Node n3 has no English name".
 */

export type DefinitionError = { path: string; key: string; values?: Record<string, string | number> };
export type DefinitionCheck =
  { ok: true; definition: PipelineDefinition } | { ok: false; errors: DefinitionError[] };

/** Parts of a definition the messages name in words; anything else is shown as its path. */
const PARTS: Record<string, string> = {
  name: "name",
  "name.zh": "nameZh",
  "name.en": "nameEn",
  label: "label",
  "label.zh": "labelZh",
  "label.en": "labelEn",
  "guidance.zh": "guidanceZh",
  "guidance.en": "guidanceEn",
  "action.name.zh": "actionNameZh",
  "action.name.en": "actionNameEn",
  "action.key": "actionKey",
  key: "key",
  id: "id",
  kind: "kind",
  probability: "probability",
  outcome: "outcome",
  position: "position",
  "position.x": "position",
  "position.y": "position",
  source: "source",
  target: "target",
  condition: "condition",
  when: "condition",
  type: "type",
  options: "options",
  requiredFields: "requiredFields",
  exitChecklist: "exitChecklist",
  timeLimit: "timeLimit",
  "timeLimit.days": "timeLimit",
  owner: "owner",
  approver: "approver",
  effects: "effects",
  branch: "branch",
  points: "points",
  thresholds: "thresholds",
  schemaVersion: "schemaVersion",
  fields: "fields",
  nodes: "nodes",
  edges: "edges",
  rules: "rules",
  scoring: "scoring",
  initialNodeId: "initialNodeId",
  assignment: "assignment",
};

type Segment = PropertyKey;
const SUBJECTS: Record<string, { subject: string; idKey: string }> = {
  nodes: { subject: "node", idKey: "id" },
  edges: { subject: "edge", idKey: "id" },
  fields: { subject: "field", idKey: "key" },
  rules: { subject: "rule", idKey: "key" },
};

const get = (value: unknown, path: readonly Segment[]): unknown =>
  path.reduce<unknown>(
    (v, seg) => (v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[seg] : undefined),
    value,
  );

/** "nodes[2].data.name.en" */
export const formatPath = (path: readonly Segment[]) =>
  path.reduce<string>(
    (s, seg) => (typeof seg === "number" ? `${s}[${seg}]` : s ? `${s}.${String(seg)}` : String(seg)),
    "",
  );

/** Which thing of the definition a path points into (a node, edge, field, rule, criterion), and the rest. */
function locate(root: unknown, path: readonly Segment[]) {
  const idOf = (item: unknown, idKey: string, index: number) => {
    const id = get(item, [idKey]);
    return typeof id === "string" && id ? id : `#${index + 1}`;
  };
  const [head, index, ...rest] = path;
  const known = typeof head === "string" ? SUBJECTS[head] : undefined;
  if (known && typeof index === "number") {
    const inner = known.subject === "node" && rest[0] === "data" ? rest.slice(1) : rest;
    return {
      subject: known.subject,
      id: idOf(get(root, [head!, index]), known.idKey, index),
      rest: inner,
    };
  }
  if (head === "scoring" && index === "criteria" && typeof rest[0] === "number") {
    return {
      subject: "criterion",
      id: idOf(get(root, ["scoring", "criteria", rest[0]]), "id", rest[0]),
      rest: rest.slice(1),
    };
  }
  return { subject: "definition", id: "", rest: path };
}

function partOf(rest: readonly Segment[]) {
  const dotted = rest.filter((s) => typeof s === "string").join(".");
  return PARTS[dotted] ?? (formatPath(rest) || "definition");
}

const scalar = (v: unknown) =>
  typeof v === "string" || typeof v === "number" ? v : v === undefined ? "" : JSON.stringify(v);

function fromIssue(root: unknown, issue: z.core.$ZodIssue): DefinitionError {
  const path = issue.path;
  const { subject, id, rest } = locate(root, path);
  const at = { subject, id, part: partOf(rest) };
  const found = get(root, path);
  const out = (key: string, values: Record<string, string | number> = {}): DefinitionError => ({
    path: formatPath(path),
    key,
    values: { ...at, ...values },
  });
  switch (issue.code) {
    case "invalid_type":
      if (found === undefined || found === null) return out("missing");
      return out("wrongType", { expected: issue.expected });
    case "too_small":
      if (issue.origin === "string") return out("missing");
      if (issue.origin === "number") return out("outOfRange", { min: Number(issue.minimum) });
      return out("invalid");
    case "too_big":
      if (issue.origin === "number") return out("outOfRange", { max: Number(issue.maximum) });
      return out("invalid");
    case "invalid_format":
      return out("invalidKey", { value: scalar(found) });
    case "invalid_value":
      return out(found === undefined ? "missing" : "invalidValue", { value: scalar(found) });
    case "unrecognized_keys":
      return out("unknownProperty", { name: issue.keys.join(", ") });
    case "invalid_union":
      if (found === undefined) return out("missing");
      return out(rest.some((s) => s === "condition" || s === "when") ? "invalidCondition" : "invalidValue", {
        value: scalar(found),
      });
    default:
      return out("invalid");
  }
}

/** Duplicate ids and keys, and edges or the start naming nodes that aren't there. */
function referenceErrors(d: PipelineDefinition): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const duplicates = (items: { id: string }[], collection: string, subject: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id))
        errors.push({
          path: `${collection}[${i}]`,
          key: "duplicateId",
          values: { subject, id: item.id },
        });
      seen.add(item.id);
    });
  };
  duplicates(d.nodes, "nodes", "node");
  duplicates(d.edges, "edges", "edge");
  duplicates(
    d.fields.map((f) => ({ id: f.key })),
    "fields",
    "field",
  );
  const nodeIds = new Set(d.nodes.map((n) => n.id));
  d.edges.forEach((e, i) => {
    for (const end of ["source", "target"] as const)
      if (!nodeIds.has(e[end]))
        errors.push({
          path: `edges[${i}].${end}`,
          key: "unknownNode",
          values: { subject: "edge", id: e.id, part: end, node: e[end] },
        });
  });
  if (d.initialNodeId !== undefined && !nodeIds.has(d.initialNodeId))
    errors.push({
      path: "initialNodeId",
      key: "unknownNode",
      values: { subject: "definition", id: "", part: "initialNodeId", node: d.initialNodeId },
    });
  return errors;
}

/**
 * Checks a value is a pipeline definition of the format this product reads. `references`
 * also rejects duplicate ids and edges to missing nodes (an import must be whole; a draft being
 * drawn may be half-connected, and the compiler reports that as it is drawn).
 */
export function checkDefinition(value: unknown, options: { references?: boolean } = {}): DefinitionCheck {
  if (!value || typeof value !== "object" || Array.isArray(value))
    return { ok: false, errors: [{ path: "", key: "notAnObject" }] };
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (version !== 1)
    return {
      ok: false,
      errors: [
        { path: "schemaVersion", key: "wrongSchemaVersion", values: { found: scalar(version) || "—" } },
      ],
    };
  const parsed = PipelineDefinition.safeParse(value);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => fromIssue(value, issue));
    // One message per place and kind: a union reports each branch it tried.
    const unique = [...new Map(errors.map((e) => [`${e.path}|${e.key}`, e])).values()];
    return { ok: false, errors: unique };
  }
  const errors = options.references ? referenceErrors(parsed.data) : [];
  return errors.length ? { ok: false, errors } : { ok: true, definition: parsed.data };
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number) {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split("\n");
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** Where JSON.parse gave up: engines name a position ("at position 12", "line 2 column 5"), else the end. */
function syntaxErrorAt(text: string, error: unknown) {
  const message = error instanceof Error ? error.message : "";
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  return lineColumn(text, pos ? Number(pos[1]) : text.length);
}

/** Reads a definition from JSON text (the editor's import), with every problem it has. */
export function parseDefinitionJson(text: string): DefinitionCheck {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: "", key: "invalidJson", values: syntaxErrorAt(text, e) }] };
  }
  return checkDefinition(value, { references: true });
}
