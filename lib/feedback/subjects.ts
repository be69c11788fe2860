import type { LocalizedText, PipelineDefinition } from "@/workflows/definition/schema";
import type { FeedbackSubjectKind } from "./status";

/** A place on the process feedback can be given on: a stage, an approval or a decision. */
export type FeedbackPoint = {
  key: string;
  kind: "stage" | "approval" | "decision";
  name: LocalizedText;
  outcome: "open" | "won" | "lost" | null;
};

/** A rule, action or field feedback can name; `stages` are the points it belongs to (none: all). */
export type FeedbackSubject = {
  kind: FeedbackSubjectKind;
  key: string;
  name: LocalizedText;
  stages: string[];
};

export type FeedbackSubjects = { points: FeedbackPoint[]; subjects: FeedbackSubject[] };

const ORDER = { open: 0, won: 1, lost: 2 } as const;
const KIND_ORDER = { stage: 0, approval: 1, decision: 2 } as const;

/**
 * What feedback on a version of a process can be about: its stages in reading order (open stages
 * left to right, then won and lost), then its approvals and decisions; and the named rules, the
 * actions (with the points they leave from) and the fields (with the stages that require them).
 */
export function feedbackSubjects(definition: PipelineDefinition): FeedbackSubjects {
  const points = definition.nodes
    .map((n) => ({
      node: n,
      point: {
        key: n.data.key,
        kind: n.data.kind,
        name: n.data.name,
        outcome: n.data.kind === "stage" ? n.data.outcome : null,
      } satisfies FeedbackPoint,
    }))
    .sort(
      (a, b) =>
        KIND_ORDER[a.point.kind] - KIND_ORDER[b.point.kind] ||
        (a.point.outcome ? ORDER[a.point.outcome] : 0) - (b.point.outcome ? ORDER[b.point.outcome] : 0) ||
        a.node.position.x - b.node.position.x ||
        a.node.position.y - b.node.position.y,
    )
    .map((x) => x.point);

  const keyOfNode = new Map(definition.nodes.map((n) => [n.id, n.data.key]));
  const actions = new Map<string, FeedbackSubject>();
  for (const edge of definition.edges) {
    if (!edge.action) continue;
    const from = keyOfNode.get(edge.source);
    const action = actions.get(edge.action.key) ?? {
      kind: "action" as const,
      key: edge.action.key,
      name: edge.action.name,
      stages: [],
    };
    if (from && !action.stages.includes(from)) action.stages.push(from);
    actions.set(edge.action.key, action);
  }

  const requiredIn = new Map<string, string[]>();
  for (const n of definition.nodes)
    if (n.data.kind === "stage")
      for (const f of n.data.requiredFields) requiredIn.set(f, [...(requiredIn.get(f) ?? []), n.data.key]);

  const subjects: FeedbackSubject[] = [
    ...definition.rules.map((r) => ({ kind: "rule" as const, key: r.key, name: r.name, stages: [] })),
    ...actions.values(),
    ...definition.fields.map((f) => ({
      kind: "field" as const,
      key: f.key,
      name: f.name,
      stages: requiredIn.get(f.key) ?? [],
    })),
  ];
  return { points, subjects };
}

/** The name of a point of the definition, or null when the version has no such point. */
export function pointName(definition: PipelineDefinition, key: string): LocalizedText | null {
  return definition.nodes.find((n) => n.data.key === key)?.data.name ?? null;
}

/** The name of a rule, action or field of the definition, or null when the version has none by that key. */
export function subjectName(
  definition: PipelineDefinition,
  kind: FeedbackSubjectKind,
  key: string,
): LocalizedText | null {
  if (kind === "rule") return definition.rules.find((r) => r.key === key)?.name ?? null;
  if (kind === "field") return definition.fields.find((f) => f.key === key)?.name ?? null;
  return definition.edges.find((e) => e.action?.key === key)?.action?.name ?? null;
}
