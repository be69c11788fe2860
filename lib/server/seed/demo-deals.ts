import type { DealFields } from "@/lib/server/db/schema";
import { diffValues, splitValues } from "@/lib/server/deals/values";
import type { CompiledState } from "@/workflows/machine/format";
import { scoreDeal, type DealValues } from "@/workflows/rules";
import {
  availableActions,
  start,
  step,
  type Actor,
  type AvailableAction,
  type PersistedSnapshot,
  type Program,
  type Refusal,
  type StepResult,
} from "@/workflows/runtime";
import {
  createProfile,
  fillForAction,
  initialFields,
  setField,
  valueFor,
  type DealDraft,
  type Profile,
} from "./demo-deal-fields";
import { createRandom, type Random } from "./random";

/*
 * Pure generation of the demo company's deals: each deal is created with the runtime's `start` and
 * driven by `step` through the real program, one action at a time among those `availableActions`
 * offers, stopping at `now`. Time limits that pass on the way fire as the worker would fire them.
 * The result is what the deal shell would have stored: snapshots, events, scores. No database, no
 * clock, no Math.random, so the same seed always gives the same deals (ids are given by the caller).
 */

const DAY = 86_400_000;
/** Actions (and approvals) per deal at most; time limits come on top. */
const MAX_ACTIONS = 16;
const SYSTEM: Actor = { id: "system", role: "system" };

export type DemoTeam = { key: string; id: string; managerId: string };
export type DemoRep = { id: string; teamKey: string };

export type Changes = Record<string, { from: unknown; to: unknown }>;

export type GeneratedEvent = {
  type: "created" | "action" | "approval" | "timeLimit";
  /** The action key, "approve" / "reject" for approvals, "timeLimit" for a passed time limit. */
  action: string | null;
  fromStage: string | null;
  /** Where the step left the deal: through a decision, its final state. */
  toStage: string;
  /** Every state the step passed through, decisions and approvals included (not stored). */
  path: string[];
  /** Null when the system acted (a time limit), as the shell records it. */
  actorId: string | null;
  changes: Changes;
  at: Date;
};

/** An attempt the engine refused before the rep filled in what it asked for (the refusal log). */
export type GeneratedRefusal = {
  stage: string;
  action: string;
  actorId: string;
  reasons: Refusal[];
  at: Date;
};

export type GeneratedDeal = {
  title: string;
  account: string;
  amount: number | null;
  fields: DealFields;
  stage: string;
  /** The persisted XState snapshot the last step returned. */
  snapshot: PersistedSnapshot;
  /** One write per event, as the deal shell counts them. */
  version: number;
  stageEnteredAt: Date;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  ownerId: string;
  teamId: string;
  score: number | null;
  priority: string | null;
  events: GeneratedEvent[];
  refusals: GeneratedRefusal[];
};

export type DemoDealOptions = { now: Date; count: number; seed?: number; teams: DemoTeam[]; reps: DemoRep[] };

/** How often reps take each action, by stage; the pick is among the actions the engine offers. */
const ACTION_WEIGHTS: Record<string, Record<string, number>> = {
  lead: { startContact: 87, disqualify: 13 },
  contact: { qualify: 90, closeLost: 10 },
  nurture: { reEngage: 55, drop: 45 },
  analysis: { startProposal: 86, closeLost: 14 },
  proposal: { sendProposal: 90, closeLost: 10 },
  negotiation: { closeWon: 68, reviseProposal: 12, closeLost: 20 },
};
const APPROVE_ODDS: Record<string, number> = { discountApproval: 0.75, bigDealApproval: 0.85 };
/** How often a rep first tries an action before filling in (or ticking) what it needs. */
const SLIP_ODDS = 0.3;

/** A timer the runtime asked for (a stage's time limit), due at `due` (ms). */
type Timer = { event: string; due: number };

/** One deal being driven through the program. */
type Run = {
  program: Program;
  d: DealDraft;
  snapshot: PersistedSnapshot;
  stage: string;
  enteredAt: Date;
  done: boolean;
  timers: Map<string, Timer>;
  events: GeneratedEvent[];
};

type Moved = Extract<StepResult, { ok: true }>;

function stateOf(program: Program, stage: string): CompiledState {
  const state = program.compiled.machine.states[stage];
  if (!state) throw new Error(`demo seed: the program has no state "${stage}"`);
  return state;
}

function isLost(program: Program, stage: string): boolean {
  const { meta } = stateOf(program, stage);
  return meta.kind === "stage" && meta.outcome === "lost";
}

/** Days in a state: mostly inside a stage's time limit, about one stay in seven over it. */
function stayDays(r: Random, program: Program, stage: string): number {
  const { meta } = stateOf(program, stage);
  if (meta.kind !== "stage") return r.between(0.1, 2.5); // an approval waits hours to days
  const delay = meta.timeLimitDelay ? program.compiled.delays[meta.timeLimitDelay] : undefined;
  const limit = delay ? delay / DAY : 10;
  return limit * (r.chance(0.14) ? r.between(1.05, 2.2) : r.between(0.15, 0.95));
}

/**
 * Writes what a successful step decided, as the shell's commitStep would: the setField effects
 * into the values, timers scheduled and cancelled (kept in memory: the demo enqueues no jobs),
 * the snapshot, and one event with the changes old → new.
 */
function record(
  run: Run,
  result: Moved,
  event: Pick<GeneratedEvent, "type" | "action" | "actorId">,
  before: DealValues,
  at: Date,
): void {
  for (const effect of result.effects) {
    if (effect.kind === "setField") setField(run.d, effect.field, effect.value);
    else if (effect.kind === "scheduleTimer")
      run.timers.set(effect.id, { event: effect.event, due: at.getTime() + effect.delayMs });
    else if (effect.kind === "cancelTimer") run.timers.delete(effect.id);
  }
  run.events.push({
    ...event,
    fromStage: result.from,
    toStage: result.to,
    path: result.path,
    changes: diffValues(before, run.d.values),
    at,
  });
  if (result.to !== result.from) run.enteredAt = at;
  run.snapshot = result.snapshot;
  run.stage = result.to;
  run.done = result.done;
}

/** Demo reps tick a stage's whole exit checklist (评判标准) before they move the deal on. */
function ticked(run: Run): string[] {
  const meta = stateOf(run.program, run.stage).meta;
  return meta.kind === "stage" ? (meta.exitChecklist ?? []).map((i) => i.id) : [];
}

/** Runs one action; the engine refusing one the generator prepared is a bug in the generator. */
function act(run: Run, action: string, actor: Actor, at: Date): Moved {
  const result = step(run.program, {
    snapshot: run.snapshot,
    values: run.d.values,
    action,
    actor,
    now: at,
    checked: ticked(run),
  });
  if (!result.ok) {
    const reasons = result.reasons.map((x) => x.message.en).join("; ");
    throw new Error(`demo seed: "${action}" refused in "${run.stage}": ${reasons}`);
  }
  return result;
}

/** Fires the time limits due by `until` (ms), as the worker would: one system event each. */
function fireTimers(run: Run, until: number): void {
  const due = [...run.timers].filter(([, t]) => t.due <= until).sort(([, a], [, b]) => a.due - b.due);
  for (const [id, timer] of due) {
    if (!run.timers.has(id)) continue; // cancelled by a move an earlier timer made
    run.timers.delete(id);
    const at = new Date(timer.due);
    const result = act(run, timer.event, SYSTEM, at);
    if (result.path.length === 0) continue; // stale: the shell records nothing either
    record(run, result, { type: "timeLimit", action: "timeLimit", actorId: null }, { ...run.d.values }, at);
    // A limit that moves the deal runs its action as the system; refused, it changes nothing.
    for (const effect of result.effects) {
      if (effect.kind !== "timeLimitMove" || run.done) continue;
      const moved = step(run.program, {
        snapshot: run.snapshot,
        values: run.d.values,
        action: effect.action,
        actor: SYSTEM,
        now: at,
      });
      if (moved.ok) {
        const event = { type: "action", action: effect.action, actorId: null } as const;
        record(run, moved, event, { ...run.d.values }, at);
      }
    }
  }
}

/** Actions the actor can take now or once the missing fields are filled in. */
function offeredActions(run: Run, actor: Actor, at: Date): AvailableAction[] {
  const checked = ticked(run);
  return availableActions(run.program, {
    stage: run.stage,
    values: run.d.values,
    actor,
    now: at,
    checked,
  }).filter((a) => a.enabled || (a.reasons.length > 0 && a.reasons.every((x) => x.kind === "missingField")));
}

/** A weighted pick among the offered actions; a stage visited again leans to giving up. */
function chooseAction(run: Run, offered: AvailableAction[], seen: number): string {
  const { program, stage, d } = run;
  if (stateOf(program, stage).meta.kind === "approval") {
    const odds = APPROVE_ODDS[stage] ?? 0.8;
    const weights = { approve: odds, reject: 1 - odds } as Record<string, number>;
    return d.r.weighted(Object.fromEntries(offered.map((a) => [a.key, weights[a.key] ?? 0.1])));
  }
  const weights = offered.map((a) => {
    const w = ACTION_WEIGHTS[stage]?.[a.key] ?? 10;
    const intoLost = a.targets.some((t) => isLost(program, t));
    return [a.key, intoLost ? w * (1 + seen) : w] as const;
  });
  return d.r.weighted(Object.fromEntries(weights));
}

function generateDeal(
  program: Program,
  r: Random,
  p: Profile,
  now: Date,
  owner: { id: string; team: DemoTeam },
  /** A stream of its own for refused attempts, so they leave the deal's story (drawn from `r`) as it was. */
  slips: Random,
): GeneratedDeal {
  // A growing pipeline: more deals were created recently than a year ago.
  const createdAt = new Date(
    now.getTime() - Math.floor(365 * Math.pow(r.next(), 1.4) * DAY) - r.int(1, 36) * 3_600_000,
  );
  const d: DealDraft = { r, p, values: {}, at: createdAt };
  initialFields(d);
  const rep: Actor = { id: owner.id, role: "rep" };
  const manager: Actor = { id: owner.team.managerId, role: "manager", managesDealTeam: true };

  const started = start(program, { values: d.values, now: createdAt });
  const run: Run = {
    program,
    d,
    snapshot: started.snapshot,
    stage: started.to,
    enteredAt: createdAt,
    done: started.done,
    timers: new Map(),
    events: [],
  };
  record(run, started, { type: "created", action: null, actorId: owner.id }, {}, createdAt);

  const refusals: GeneratedRefusal[] = [];
  const visits = new Map<string, number>();
  let lastRejected = false;
  for (let n = 0; n < MAX_ACTIONS && !run.done; n++) {
    const stage = run.stage;
    const at = new Date(run.enteredAt.getTime() + Math.max(0.05, stayDays(r, program, stage)) * DAY);
    if (at > now) break;
    fireTimers(run, at.getTime() - 1);
    if (run.done || run.stage !== stage) continue; // a time limit moved the deal
    d.at = at;
    const approval = stateOf(program, stage).meta.kind === "approval";
    const actor = approval ? manager : rep;
    const offered = offeredActions(run, actor, at);
    if (offered.length === 0) break;
    const seen = visits.get(stage) ?? 0;
    visits.set(stage, seen + 1);
    const action = chooseAction(run, offered, seen);
    const before = { ...d.values };
    if (!approval && slips.chance(SLIP_ODDS)) {
      // Tried first with the fields as they were and the exit checklist perhaps not ticked.
      const triedAt = new Date(at.getTime() - slips.between(5, 60) * 60_000);
      const tried = step(program, {
        snapshot: run.snapshot,
        values: before,
        action,
        actor,
        now: triedAt,
        checked: slips.chance(0.5) ? [] : ticked(run),
      });
      if (!tried.ok) refusals.push({ stage, action, actorId: actor.id, reasons: tried.reasons, at: triedAt });
    }

    if (!approval) {
      fillForAction(d, action, {
        pass: r.chance((visits.get("nurture") ?? 0) > 0 ? 0.8 : 0.62),
        overLimit: !lastRejected && r.chance(0.22),
      });
      // What the engine still reports missing is what the action form would ask for.
      const chosen = offeredActions(run, actor, at).find((a) => a.key === action);
      for (const key of chosen?.missingFields ?? []) setField(d, key, valueFor(d, key, stage));
      if (action === "sendProposal") lastRejected = false;
    } else lastRejected = action === "reject";

    const result = act(run, action, actor, at);
    record(run, result, { type: approval ? "approval" : "action", action, actorId: actor.id }, before, at);
  }
  if (!run.done) fireTimers(run, now.getTime());

  const last = run.events.at(-1)!.at;
  // As the shell does: scored when the deal was last written, not re-aged since.
  const scoring = program.definition.scoring;
  const scored = scoring
    ? scoreDeal(scoring, { fields: program.fields, rules: program.rules, values: d.values, now: last })
    : null;
  const { title, account, amount, fields } = splitValues(d.values);
  return {
    title,
    account,
    amount,
    fields,
    stage: run.stage,
    snapshot: run.snapshot,
    version: run.events.length,
    stageEnteredAt: run.enteredAt,
    closedAt: run.done ? run.enteredAt : null,
    createdAt,
    updatedAt: last,
    ownerId: owner.id,
    teamId: owner.team.id,
    score: scored?.score ?? null,
    priority: scored?.priority ?? null,
    events: run.events,
    refusals,
  };
}

/** The team a deal of this region belongs to, by the definition's assignment rule. */
function teamKeyFor(program: Program, region: unknown, fallback: string): string {
  const rule = program.definition.assignment;
  if (rule?.kind !== "byField") return fallback;
  return rule.teams[String(region)] ?? rule.fallbackTeamKey;
}

/**
 * `count` demo deals created over the year before `now`, each driven through `program` (built
 * once by the caller) from its initial state, owned round-robin by the reps of its region's team;
 * approvals are decided by the team's manager. Deterministic for a given seed.
 */
export function generateDemoDeals(program: Program, options: DemoDealOptions): GeneratedDeal[] {
  const { now, count, seed = 20_240_601, teams, reps } = options;
  if (teams.length === 0) throw new Error("demo seed: no teams");
  const turn = new Map<string, number>();
  const deals: GeneratedDeal[] = [];
  for (let i = 0; i < count; i++) {
    // One stream per deal, so a change in one deal's story does not reshuffle all the others.
    const r = createRandom(seed + i * 7919);
    const profile = createProfile(r);
    const teamKey = teamKeyFor(program, profile.region, teams[0]!.key);
    const team = teams.find((t) => t.key === teamKey) ?? teams[0]!;
    const teamReps = reps.filter((rep) => rep.teamKey === team.key);
    if (teamReps.length === 0) throw new Error(`demo seed: team "${team.key}" has no reps`);
    const k = turn.get(team.key) ?? 0;
    turn.set(team.key, k + 1);
    const slips = createRandom(seed + i * 7919 + 1);
    deals.push(
      generateDeal(program, r, profile, now, { id: teamReps[k % teamReps.length]!.id, team }, slips),
    );
  }
  return deals;
}
