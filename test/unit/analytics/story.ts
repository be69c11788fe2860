/**
 * A small crafted month of deals in the default process (March 2025, Beijing time), with every
 * case the definitions name: a straight win, a skip (an import placing a deal in Negotiation),
 * backward moves, a win reopened and then lost, a migration, a deal without events, a side stage
 * (Nurture), a deal created before the month and one closed before it. The expected figures in
 * the tests are worked out by hand from this story (see the comments there).
 */
import { funnelSteps, statesOf, type LogDeal, type LogEvent } from "@/lib/analytics";
import { defaultProcess } from "@/workflows/templates/default-process";

export const V1 = "00000000-0000-4000-8000-000000000001";
export const V2 = "00000000-0000-4000-8000-000000000002";

const states = statesOf(defaultProcess);
export const lookup = (_version: string, stage: string) => states.get(stage);
export const kindOf = (stage: string) => states.get(stage)?.kind;
export const steps = funnelSteps(defaultProcess);

/** 10:00 Beijing time on a day of 2025 ("03-01"). */
export const at = (day: string, hour = 10) =>
  new Date(`2025-${day}T${String(hour).padStart(2, "0")}:00:00+08:00`);
export const DAY_S = 86_400;

let nextId = 1;
type Ev = [type: string, from: string | null, to: string | null, day: string, version?: string];
const events = (list: Ev[]): LogEvent[] =>
  list.map(([type, fromStage, toStage, day, version]) => ({
    id: nextId++,
    type,
    fromStage,
    toStage,
    versionId: version ?? V1,
    at: at(day),
  }));

/** Walks a deal along stages, one action a day from the list. */
const walk = (stages: [string, string][]): Ev[] =>
  stages.map(([to, day], i) =>
    i === 0 ? ["created", null, to, day] : ["action", stages[i - 1]![0], to, day],
  );

function deal(
  id: string,
  amount: number,
  createdDay: string,
  evs: Ev[],
  rest: Partial<LogDeal> = {},
): LogDeal {
  const list = events(evs);
  const last = list[list.length - 1];
  return {
    id,
    amount,
    createdAt: at(createdDay),
    stage: last?.toStage ?? "lead",
    versionId: last?.versionId ?? V1,
    events: list,
    ...rest,
  };
}

export const NOW = at("03-31", 12);
export const MARCH = { from: new Date("2025-02-28T16:00:00Z"), to: new Date("2025-03-31T16:00:00Z") };

export const story: LogDeal[] = [
  // A: straight to won.
  deal("A", 100, "03-01", [
    ...walk([
      ["lead", "03-01"],
      ["contact", "03-02"],
      ["analysis", "03-05"],
      ["proposal", "03-10"],
      ["negotiation", "03-20"],
      ["won", "03-25"],
    ]),
  ]),
  // B: created in Lead, an import places it in Negotiation 22 days later (skips three steps).
  deal(
    "B",
    200,
    "03-03",
    [
      ["created", null, "lead", "03-03"],
      ["timeLimit", "lead", "lead", "03-06"], // the time limit only notifies: no move
      ["import", "lead", "negotiation", "03-25"],
    ],
    { expectedClose: "2025-04-15" },
  ),
  // C: Negotiation sends it back to Proposal once, then it is lost.
  deal("C", 300, "03-02", [
    ...walk([
      ["lead", "03-02"],
      ["contact", "03-03"],
      ["analysis", "03-04"],
      ["proposal", "03-06"],
      ["negotiation", "03-08"],
      ["proposal", "03-12"],
      ["negotiation", "03-16"],
      ["lost", "03-18"],
    ]),
  ]),
  // D: won, reopened into Negotiation, then lost.
  deal("D", 400, "03-01", [
    ...walk([
      ["lead", "03-01"],
      ["contact", "03-02"],
      ["analysis", "03-03"],
      ["proposal", "03-04"],
      ["negotiation", "03-06"],
      ["won", "03-10"],
    ]),
    ["reopen", "won", "negotiation", "03-12"],
    ["action", "negotiation", "lost", "03-15"],
  ]),
  // E: migrated to version 2 while in Initial contact (a re-mapping: the stay goes on).
  deal(
    "E",
    500,
    "03-05",
    [
      ["created", null, "lead", "03-05"],
      ["action", "lead", "contact", "03-06"],
      ["migrated", "contact", "contact", "03-08", V2],
      ["action", "contact", "analysis", "03-10", V2],
    ],
    { expectedClose: "2025-02-20" },
  ),
  // F: no events at all: sits in Proposal since 7 March.
  {
    id: "F",
    amount: 600,
    createdAt: at("03-07"),
    stage: "proposal",
    versionId: V1,
    events: [],
  },
  // G: qualification failed into Nurture (a side stage), re-engaged later.
  deal(
    "G",
    700,
    "03-02",
    walk([
      ["lead", "03-02"],
      ["contact", "03-03"],
      ["nurture", "03-05"],
      ["contact", "03-20"],
    ]),
    { expectedClose: "2025-05-01" },
  ),
  // H: created in February, still open (active in March, not in March's cohort).
  deal(
    "H",
    800,
    "02-10",
    walk([
      ["lead", "02-10"],
      ["contact", "02-11"],
      ["analysis", "03-03"],
    ]),
    { expectedClose: "2025-03-28" },
  ),
  // I: created and lost in January.
  deal(
    "I",
    900,
    "01-05",
    walk([
      ["lead", "01-05"],
      ["lost", "01-20"],
    ]),
  ),
];
