import type { Approver, Effect, LocalizedText, OwnerRule } from "@/workflows/definition/schema";

export type ActorRole = "admin" | "manager" | "trainer" | "rep" | "system";

/** Who takes an action: the shell says whether they manage the deal's team. */
export type Actor = { id: string; role: ActorRole; managesDealTeam?: boolean };

/** A persisted XState snapshot (plain JSON, as stored in deals.snapshot). */
export type PersistedSnapshot = { status: string; value: unknown; [key: string]: unknown };

/** What the shell must do after a transition, inside the same database transaction. */
export type ShellEffect =
  | { kind: "setField"; edgeId: string; field: string; value: string | number | boolean | null }
  | { kind: "assignOwner"; edgeId: string; rule: OwnerRule }
  | { kind: "notify"; edgeId: string; to: "owner" | "teamManager" }
  | { kind: "requestApproval"; node: string; approver: Approver | null; notify: boolean }
  | { kind: "notifyOwner"; stage: string; reason: "timeLimit" }
  | { kind: "escalateToManager"; stage: string; reason: "timeLimit" }
  | { kind: "timeLimitMove"; stage: string; action: string }
  /** A durable timer: feed `event` back through the runtime `delayMs` after now. */
  | { kind: "scheduleTimer"; id: string; event: string; delayMs: number; stage: string }
  | { kind: "cancelTimer"; id: string };

/** One reason an action is refused, in both languages, with what the form can do about it. */
export type Refusal =
  | { kind: "missingField"; field: string; message: LocalizedText }
  /** An exit-checklist item of the stage (评判标准) still to be ticked. */
  | { kind: "checklist"; item: string; message: LocalizedText }
  | { kind: "condition"; edgeId: string; unmet: LocalizedText[]; message: LocalizedText }
  | { kind: "notApprover"; message: LocalizedText }
  | { kind: "unknownAction"; message: LocalizedText }
  | { kind: "closed"; message: LocalizedText };

export type StepResult =
  | {
      ok: true;
      snapshot: PersistedSnapshot;
      from: string | null;
      to: string;
      /** Every state passed through, decisions and approvals included (from excluded). */
      path: string[];
      effects: ShellEffect[];
      done: boolean;
    }
  | { ok: false; reasons: Refusal[] };

export type AvailableAction = {
  key: string;
  name: LocalizedText;
  enabled: boolean;
  reasons: Refusal[];
  /** Fields the action needs that are still empty: the form offers them inline. */
  missingFields: string[];
  /** Exit-checklist items still to tick before the action can go. */
  missingChecklist: string[];
  targets: string[];
};

export type { Effect };
