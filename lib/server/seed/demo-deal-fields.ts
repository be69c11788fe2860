import { isSet, type DealValue, type DealValues } from "@/workflows/rules";
import * as words from "./demo-data";
import type { Random } from "./random";

/*
 * What a rep of the demo company types into a deal at each step of the default process. The
 * generator picks among the actions the engine offers; this file fills the fields the story needs
 * (a qualification that passes or fails, a discount over the limit) and, through `valueFor`, any
 * field the engine still reports missing.
 */

const DAY = 86_400_000;

/** Everything true about a deal's customer, decided once; fields reveal it step by step. */
export type Profile = {
  industry: string;
  region: string;
  source: string;
  account: string;
  title: string;
  contact: string;
  amount: number;
  decisionMaker: string;
  need: string;
  painPoints: string;
  competitors: string[];
};

/** The deal as it is being driven: its values as the rep has filled them so far, and the time. */
export type DealDraft = { r: Random; p: Profile; values: DealValues; at: Date };

export const dateOnly = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const roundTo = (n: number, step: number) => Math.round(n / step) * step;
const person = (r: Random) => r.pick(words.SURNAMES) + r.pick(words.GIVEN_NAMES);

/** Log-normal around 280k, so most deals are a few hundred thousand and a few are millions. */
function demoAmount(r: Random): number {
  const raw = Math.exp(Math.log(280_000) + 0.85 * r.normal());
  const clamped = Math.min(3_000_000, Math.max(50_000, raw));
  return roundTo(clamped, clamped >= 500_000 ? 10_000 : 1_000);
}

export function createProfile(r: Random): Profile {
  const industry = r.pick(Object.keys(words.TITLES));
  const region = r.weighted({ east: 45, north: 35, south: 12, west: 8 });
  const account = r
    .pick(words.ACCOUNT_PATTERNS[industry]!)
    .replace("{city}", r.pick(words.CITIES[region]!))
    .replace("{core}", r.pick(words.NAME_CORES));
  return {
    industry,
    region,
    source: r.weighted({ referral: 25, website: 25, exhibition: 15, coldCall: 20, partner: 15 }),
    account,
    title: r.pick(words.TITLES[industry]!) + r.pick(words.TITLE_SUFFIXES),
    contact: person(r),
    amount: demoAmount(r),
    decisionMaker: `${person(r)}(${r.pick(words.DECISION_ROLES)})`,
    need: r.pick(words.NEEDS[industry]!),
    painPoints: [r.pick(words.PAIN_POINTS), r.pick(words.PAIN_POINTS)]
      .filter((v, i, a) => a.indexOf(v) === i)
      .join(";"),
    competitors: [...r.pick(words.COMPETITOR_SETS)],
  };
}

/** What a rep types into a field; the step's event records the changes old → new. */
export function setField(d: DealDraft, key: string, value: DealValue): void {
  d.values[key] = value;
}

const daysAhead = (d: DealDraft, min: number, max: number) =>
  dateOnly(d.at.getTime() + d.r.int(min, max) * DAY);

const LOST_REASONS: Record<string, Partial<Record<string, number>>> = {
  lead: { noBudget: 35, other: 30, timing: 20, noDecision: 15 },
  nurture: { timing: 40, noBudget: 30, noDecision: 20, competitor: 10 },
  contact: { noBudget: 30, noDecision: 30, competitor: 20, timing: 20 },
  analysis: { competitor: 35, noDecision: 25, noBudget: 20, timing: 20 },
  proposal: { price: 40, competitor: 35, noDecision: 15, timing: 10 },
  negotiation: { price: 45, competitor: 35, noDecision: 10, other: 10 },
};

/** A plausible value for a field the next action requires and the rep has not filled yet. */
export function valueFor(d: DealDraft, key: string, stageKey: string): DealValue {
  const { p, r, values } = d;
  switch (key) {
    case "title":
    case "account":
    case "contact":
    case "amount":
    case "industry":
    case "region":
    case "source":
    case "decisionMaker":
    case "need":
    case "painPoints":
    case "competitors":
      return p[key];
    case "budgetConfirmed":
      return true;
    case "budget":
      return roundTo(p.amount * r.between(0.9, 1.3), 10_000);
    case "expectedClose":
      return daysAhead(d, 30, 120);
    case "proposalAmount":
      return roundTo(Number(values.amount ?? p.amount) * r.between(0.9, 1.15), 1_000);
    case "discountPct":
      return r.int(0, 15);
    case "proposalLink":
      return `https://docs.example.com/proposals/PW-${dateOnly(d.at.getTime()).slice(0, 7)}-${r.int(1000, 9999)}.pdf`;
    case "finalAmount": {
      const quoted = Number(values.proposalAmount ?? values.amount ?? p.amount);
      return roundTo(quoted * (1 - Number(values.discountPct ?? 0) / 100), 1_000);
    }
    case "lostReason":
      return r.weighted(LOST_REASONS[stageKey] ?? { other: 1 });
    default:
      throw new Error(`demo seed: no demo value for field "${key}"`);
  }
}

/** The fields a new deal starts with: always a title and account, the rest as reps often do. */
export function initialFields(d: DealDraft): void {
  setField(d, "title", d.p.title);
  setField(d, "account", d.p.account);
  if (d.r.chance(0.7)) setField(d, "contact", d.p.contact);
  if (d.r.chance(0.55)) setField(d, "amount", d.p.amount);
  if (d.r.chance(0.6))
    for (const k of ["industry", "region", "source"]) setField(d, k, valueFor(d, k, "lead"));
  if (d.r.chance(0.25)) setField(d, "expectedClose", daysAhead(d, 60, 200));
}

/**
 * Fields the rep fills as part of an action, beyond what the process requires: BANT facts at
 * qualification (passing or failing as `intent` says), the quote and discount with the proposal.
 */
export function fillForAction(
  d: DealDraft,
  action: string,
  intent: { pass: boolean; overLimit: boolean },
): void {
  const { r } = d;
  if (action === "startContact" && r.chance(0.4)) setField(d, "need", d.p.need);
  if (action === "qualify") {
    if (intent.pass) {
      if (r.chance(0.7)) setField(d, "budgetConfirmed", true);
      else setField(d, "budget", Math.max(50_000, valueFor(d, "budget", "contact") as number));
      setField(d, "decisionMaker", d.p.decisionMaker);
      setField(d, "need", d.p.need);
      setField(d, "expectedClose", daysAhead(d, 30, 170));
      if (!isSet(d.values.amount)) setField(d, "amount", d.p.amount);
      return;
    }
    // Not qualified: one BANT letter fails, the others are recorded as learned so far.
    const miss = r.weighted({ budget: 40, authority: isSet(d.values.decisionMaker) ? 0 : 30, timing: 30 });
    if (miss === "budget") {
      setField(d, "budgetConfirmed", false);
      if (r.chance(0.5)) setField(d, "budget", roundTo(r.between(10_000, 45_000), 1_000));
    } else if (r.chance(0.6)) setField(d, "budgetConfirmed", true);
    if (miss !== "authority") setField(d, "decisionMaker", d.p.decisionMaker);
    setField(d, "need", d.p.need);
    setField(d, "expectedClose", miss === "timing" ? daysAhead(d, 200, 360) : daysAhead(d, 40, 170));
  }
  if (action === "startProposal" && !isSet(d.values.amount)) setField(d, "amount", d.p.amount);
  if (action === "sendProposal") {
    const expected = Date.parse(String(d.values.expectedClose ?? ""));
    if (!(expected - d.at.getTime() > 14 * DAY)) setField(d, "expectedClose", daysAhead(d, 20, 75));
    setField(d, "proposalAmount", valueFor(d, "proposalAmount", "proposal"));
    if (!isSet(d.values.proposalLink) || r.chance(0.5))
      setField(d, "proposalLink", valueFor(d, "proposalLink", "proposal"));
    if (intent.overLimit) setField(d, "discountPct", r.int(16, 30));
    else if (r.chance(0.8) || Number(d.values.discountPct ?? 0) > 15)
      setField(d, "discountPct", r.int(0, 15));
  }
}
