import type { DealFields } from "@/lib/server/db/schema";
import type { PipelineDefinition, PipelineEdge, PipelineNode } from "@/workflows/definition/schema";
import {
  createProfile,
  fillForAction,
  initialFields,
  setField,
  valueFor,
  type Changes,
  type DealDraft,
  type Profile,
} from "./demo-deal-fields";
import { evaluate, score } from "./demo-rules";
import { createRandom, type Random } from "./random";

/*
 * Pure generation of the demo company's deals: a seeded walk of each deal through the process
 * graph, one event per transition, stopping at `now`. No database, no clock, no Math.random, so the
 * same seed always gives the same deals (ids are given by the caller when it writes them).
 */

const DAY = 86_400_000;
const MAX_TRANSITIONS = 16;

export type DemoTeam = { key: string; id: string; managerId: string };
export type DemoRep = { id: string; teamKey: string };

export type GeneratedEvent = {
  type: "created" | "action" | "approval";
  /** The action key, or "approve" / "reject" for approvals. */
  action: string | null;
  fromStage: string | null;
  toStage: string;
  actorId: string;
  changes: Changes;
  at: Date;
};

export type GeneratedDeal = {
  title: string;
  account: string;
  amount: number | null;
  fields: DealFields;
  stage: string;
  stageEnteredAt: Date;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  ownerId: string;
  teamId: string;
  score: number | null;
  priority: string | null;
  events: GeneratedEvent[];
};

export type DemoDealOptions = { now: Date; count: number; seed?: number; teams: DemoTeam[]; reps: DemoRep[] };

/** How often reps take each action, by stage; the walk picks among the actions the stage offers. */
const ACTION_WEIGHTS: Record<string, Record<string, number>> = {
  lead: { startContact: 87, disqualify: 13 },
  contact: { qualify: 90, closeLost: 10 },
  nurture: { reEngage: 55, drop: 45 },
  analysis: { startProposal: 86, closeLost: 14 },
  proposal: { sendProposal: 90, closeLost: 10 },
  negotiation: { closeWon: 68, reviseProposal: 12, closeLost: 20 },
};
const APPROVE_ODDS: Record<string, number> = { discountApproval: 0.75, bigDealApproval: 0.85 };

type Graph = { nodes: Map<string, PipelineNode>; out: (id: string) => PipelineEdge[] };

function graphOf(definition: PipelineDefinition): Graph {
  const nodes = new Map(definition.nodes.map((n) => [n.id, n]));
  return { nodes, out: (id) => definition.edges.filter((e) => e.source === id) };
}

function node(graph: Graph, id: string): PipelineNode {
  const n = graph.nodes.get(id);
  if (!n) throw new Error(`demo seed: edge to unknown node "${id}"`);
  return n;
}

/** Days in a stage: mostly inside its time limit, about one deal in seven over it. */
function stayDays(r: Random, n: PipelineNode): number {
  if (n.data.kind !== "stage") return r.between(0.1, 2.5); // an approval waits hours to days
  const limit = n.data.timeLimit?.days ?? 10;
  return limit * (r.chance(0.14) ? r.between(1.05, 2.2) : r.between(0.15, 0.95));
}

/** Applies an edge's setField effects and follows decisions (which never hold a deal) to a resting node. */
function follow(graph: Graph, definition: PipelineDefinition, d: DealDraft, edge: PipelineEdge): string {
  for (const effect of edge.effects) if (effect.kind === "setField") setField(d, effect.field, effect.value);
  const target = node(graph, edge.target);
  if (target.data.kind !== "decision") return target.id;
  const out = graph.out(target.id);
  const next =
    out.find((e) => e.condition && evaluate(e.condition, d.values, definition.rules, d.at)) ??
    out.find((e) => e.branch === "default");
  if (!next) throw new Error(`demo seed: decision "${target.id}" has no way out`);
  return follow(graph, definition, d, next);
}

/** A weighted pick among the actions the stage offers; a stage visited again leans to giving up. */
function chooseAction(graph: Graph, r: Random, stage: string, seen: number): string | undefined {
  const out = graph.out(stage);
  const offered = [...new Set(out.flatMap((e) => (e.action ? [e.action.key] : [])))];
  if (offered.length === 0) return undefined;
  const weights = offered.map((key) => {
    const w = ACTION_WEIGHTS[stage]?.[key] ?? 10;
    const intoLost = out.some((e) => e.action?.key === key && isLost(graph, e.target));
    return [key, intoLost ? w * (1 + seen) : w] as const;
  });
  return r.weighted(Object.fromEntries(weights));
}

function splitValues(d: DealDraft): Pick<GeneratedDeal, "title" | "account" | "amount" | "fields"> {
  const { title, account, amount, ...rest } = d.values;
  const fields: DealFields = {};
  for (const [k, v] of Object.entries(rest)) if (v !== undefined && v !== null) fields[k] = v;
  return {
    title: String(title),
    account: String(account),
    amount: amount == null ? null : Number(amount),
    fields,
  };
}

function generateDeal(
  graph: Graph,
  definition: PipelineDefinition,
  r: Random,
  p: Profile,
  now: Date,
  owner: { id: string; team: DemoTeam },
): GeneratedDeal {
  // A growing pipeline: more deals were created recently than a year ago.
  const createdAt = new Date(
    now.getTime() - Math.floor(365 * Math.pow(r.next(), 1.4) * DAY) - r.int(1, 36) * 3_600_000,
  );
  const d: DealDraft = { r, p, values: {}, changes: {}, at: createdAt };
  initialFields(d);
  let current = definition.initialNodeId ?? definition.nodes[0]!.id;
  const events: GeneratedEvent[] = [
    {
      type: "created",
      action: null,
      fromStage: null,
      toStage: current,
      actorId: owner.id,
      changes: d.changes,
      at: createdAt,
    },
  ];
  let enteredAt = createdAt;
  const visits = new Map<string, number>();
  let lastRejected = false;

  for (let step = 0; step < MAX_TRANSITIONS; step++) {
    const n = node(graph, current);
    if (n.data.kind === "stage" && n.data.outcome !== "open") break;
    const at = new Date(enteredAt.getTime() + Math.max(0.05, stayDays(r, n)) * DAY);
    if (at > now) break;
    d.at = at;
    d.changes = {};
    const out = graph.out(current);
    let edge: PipelineEdge | undefined;
    let event: Omit<GeneratedEvent, "toStage" | "changes" | "at">;

    if (n.data.kind === "approval") {
      const branch = r.chance(APPROVE_ODDS[current] ?? 0.8) ? "approve" : "reject";
      edge = out.find((e) => e.branch === branch);
      lastRejected = branch === "reject";
      event = { type: "approval", action: branch, fromStage: current, actorId: owner.team.managerId };
    } else {
      const seen = visits.get(current) ?? 0;
      visits.set(current, seen + 1);
      const action = chooseAction(graph, r, current, seen);
      if (!action) break;
      const candidates = out.filter((e) => e.action?.key === action);
      const intoLost = candidates.every((e) => isLost(graph, e.target));
      fillForAction(d, action, {
        pass: r.chance((visits.get("nurture") ?? 0) > 0 ? 0.8 : 0.62),
        overLimit: !lastRejected && r.chance(0.22),
      });
      const required = new Set(candidates.flatMap((e) => e.requiredFields ?? []));
      if (!intoLost && n.data.kind === "stage") for (const k of n.data.requiredFields) required.add(k);
      for (const k of required) {
        const v = d.values[k];
        if (v === undefined || v === null || v === "") setField(d, k, valueFor(d, k, current));
      }
      edge = candidates.find((e) => !e.condition || evaluate(e.condition, d.values, definition.rules, at));
      if (action === "sendProposal") lastRejected = false;
      event = { type: "action", action, fromStage: current, actorId: owner.id };
    }
    if (!edge) throw new Error(`demo seed: no edge for a step out of "${current}"`);
    current = follow(graph, definition, d, edge);
    events.push({ ...event, toStage: current, changes: d.changes, at });
    enteredAt = at;
  }

  const final = node(graph, current);
  const closed = final.data.kind === "stage" && final.data.outcome !== "open";
  // As the engine will: scored when the fields last changed, not re-aged since.
  const scored = definition.scoring ? score(definition.scoring, d.values, definition.rules, enteredAt) : null;
  return {
    ...splitValues(d),
    stage: current,
    stageEnteredAt: enteredAt,
    closedAt: closed ? enteredAt : null,
    createdAt,
    updatedAt: enteredAt,
    ownerId: owner.id,
    teamId: owner.team.id,
    score: scored?.score ?? null,
    priority: scored?.priority ?? null,
    events,
  };
}

function isLost(graph: Graph, id: string): boolean {
  const data = node(graph, id).data;
  return data.kind === "stage" && data.outcome === "lost";
}

/** The team a deal of this region belongs to, by the definition's assignment rule. */
function teamKeyFor(definition: PipelineDefinition, region: unknown, fallback: string): string {
  const rule = definition.assignment;
  if (rule?.kind !== "byField") return fallback;
  return rule.teams[String(region)] ?? rule.fallbackTeamKey;
}

/**
 * `count` demo deals created over the year before `now`, each walked through `definition` from its
 * initial node, owned round-robin by the reps of its region's team. Deterministic for a given seed.
 */
export function generateDemoDeals(definition: PipelineDefinition, options: DemoDealOptions): GeneratedDeal[] {
  const { now, count, seed = 20_240_601, teams, reps } = options;
  if (teams.length === 0) throw new Error("demo seed: no teams");
  const graph = graphOf(definition);
  const turn = new Map<string, number>();
  const deals: GeneratedDeal[] = [];
  for (let i = 0; i < count; i++) {
    // One stream per deal, so a change in one deal's walk does not reshuffle all the others.
    const r = createRandom(seed + i * 7919);
    const profile = createProfile(r);
    const teamKey = teamKeyFor(definition, profile.region, teams[0]!.key);
    const team = teams.find((t) => t.key === teamKey) ?? teams[0]!;
    const teamReps = reps.filter((rep) => rep.teamKey === team.key);
    if (teamReps.length === 0) throw new Error(`demo seed: team "${team.key}" has no reps`);
    const k = turn.get(team.key) ?? 0;
    turn.set(team.key, k + 1);
    deals.push(
      generateDeal(graph, definition, r, profile, now, { id: teamReps[k % teamReps.length]!.id, team }),
    );
  }
  return deals;
}
