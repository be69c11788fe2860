/**
 * The lifecycle of a pipeline version, as one table of rules shared by the server (which
 * enforces it) and the versions page (which only offers what the rules allow).
 *
 * ```
 *   draft ──pilot──► pilot ──promote──► published ──(a newer one published)──► retired
 *     │                │ ▲                                                        ▲
 *     │                └─┘ pilot again (more teams, another window)               │
 *     │                └──────────────────────── retire (abandon) ────────────────┘
 *     └──publish──► published
 * ```
 *
 * - Any number of drafts; only drafts change (a database trigger refuses the rest, migration 0002).
 * - A version with compiler errors can be neither piloted nor published.
 * - One published version per pipeline: publishing or promoting retires the one before, whose
 *   deals keep running on it. A published version is never retired on its own (new deals would
 *   have nowhere to start); it is retired by the next one.
 */

export const VERSION_STATUSES = ["draft", "pilot", "published", "retired"] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/** What a trainer can do to a version. */
export const LIFECYCLE_ACTIONS = [
  "edit",
  "discard",
  "pilot",
  "publish",
  "promote",
  "retire",
  "endPilot",
] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

/** Why an action is refused: the key of a message under `errors.versions` in the catalogues. */
export type LifecycleRefusal =
  "notDraft" | "notPilot" | "immutable" | "hasErrors" | "publishedStays" | "retiredFinal" | "hasDeals";

/** Where each action leads from each status; a missing entry is refused. */
const TRANSITIONS: Record<VersionStatus, Partial<Record<LifecycleAction, VersionStatus>>> = {
  draft: { edit: "draft", discard: "draft", pilot: "pilot", publish: "published" },
  pilot: { pilot: "pilot", endPilot: "pilot", promote: "published", retire: "retired" },
  published: {},
  retired: {},
};

/** The refusal for an action a status has no entry for, in the words a trainer needs. */
const REFUSED: Record<VersionStatus, (action: LifecycleAction) => LifecycleRefusal> = {
  draft: (action) => (action === "promote" || action === "endPilot" ? "notPilot" : "notDraft"),
  pilot: (action) => (action === "edit" || action === "discard" ? "immutable" : "notDraft"),
  published: (action) =>
    action === "retire"
      ? "publishedStays"
      : action === "edit" || action === "discard"
        ? "immutable"
        : "notPilot",
  retired: () => "retiredFinal",
};

/** Actions that put a version in front of deals, so its process must compile cleanly. */
const NEEDS_CLEAN_COMPILE: ReadonlySet<LifecycleAction> = new Set(["pilot", "publish", "promote"]);

export type LifecycleFacts = {
  status: VersionStatus;
  /** The compiler found errors in the version's definition. */
  hasErrors?: boolean;
  /** Deals run on the version (a version deals run on is never deleted). */
  dealCount?: number;
};

export type LifecycleDecision = { ok: true; to: VersionStatus } | { ok: false; reason: LifecycleRefusal };

/** May `action` be done to a version in this state, and which status does it end in? */
export function decide(facts: LifecycleFacts, action: LifecycleAction): LifecycleDecision {
  const to = TRANSITIONS[facts.status][action];
  if (!to) return { ok: false, reason: REFUSED[facts.status](action) };
  if (NEEDS_CLEAN_COMPILE.has(action) && facts.hasErrors) return { ok: false, reason: "hasErrors" };
  if (action === "discard" && (facts.dealCount ?? 0) > 0) return { ok: false, reason: "hasDeals" };
  return { ok: true, to };
}

/** Every action the rules allow for a version now (what the versions page offers). */
export function allowedActions(facts: LifecycleFacts): LifecycleAction[] {
  return LIFECYCLE_ACTIONS.filter((action) => decide(facts, action).ok);
}

/** Statuses whose definition never changes again: deals may run on them. */
export const isImmutable = (status: VersionStatus) => status !== "draft";

/** Statuses new deals can start on. */
export const runsNewDeals = (status: VersionStatus) => status === "pilot" || status === "published";

/**
 * What happens to the other versions of the pipeline when one becomes published: the published
 * one before it (at most one) is retired. Returns the ids to retire.
 */
export function supersededBy(
  versions: readonly { id: string; status: VersionStatus }[],
  publishedId: string,
): string[] {
  return versions.filter((v) => v.status === "published" && v.id !== publishedId).map((v) => v.id);
}
