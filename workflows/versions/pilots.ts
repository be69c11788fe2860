/**
 * Pilots: a version tried on some teams for a while. Pure rules about time windows and about
 * which version a new deal starts on; the server loads the pilots and applies them.
 *
 * A pilot's window is `[startsAt, endsAt)`: it is active from its start (inclusive) until its
 * end (exclusive), or for good while it has no end. Ending a pilot early sets its end to now.
 */

export type PilotWindow = { startsAt: Date; endsAt: Date | null };

export type Pilot = PilotWindow & { id: string; versionId: string; teamIds: readonly string[] };

export type PilotState = "scheduled" | "active" | "ended";

/** Where a pilot stands at `now`. */
export function pilotState(window: PilotWindow, now: Date): PilotState {
  if (window.endsAt && window.endsAt.getTime() <= window.startsAt.getTime()) return "ended";
  if (now.getTime() < window.startsAt.getTime()) return "scheduled";
  if (window.endsAt && now.getTime() >= window.endsAt.getTime()) return "ended";
  return "active";
}

export const isPilotActive = (window: PilotWindow, now: Date) => pilotState(window, now) === "active";

/** Do two windows share any instant? (An end is exclusive, so back-to-back windows do not.) */
export function windowsOverlap(a: PilotWindow, b: PilotWindow): boolean {
  const aEnd = a.endsAt?.getTime() ?? Infinity;
  const bEnd = b.endsAt?.getTime() ?? Infinity;
  if (aEnd <= a.startsAt.getTime() || bEnd <= b.startsAt.getTime()) return false;
  return a.startsAt.getTime() < bEnd && b.startsAt.getTime() < aEnd;
}

export type WindowRefusal = "pilotEndsBeforeStart" | "pilotEndsInPast";

/**
 * Checks a window a trainer asked for. A start in the past becomes now: a pilot only ever
 * routes deals created after it was set up, and its comparison counts from when it really began.
 */
export function checkPilotWindow(
  window: PilotWindow,
  now: Date,
): { ok: true; window: PilotWindow } | { ok: false; reason: WindowRefusal } {
  const startsAt = window.startsAt.getTime() < now.getTime() ? now : window.startsAt;
  if (window.endsAt) {
    if (window.endsAt.getTime() <= now.getTime()) return { ok: false, reason: "pilotEndsInPast" };
    if (window.endsAt.getTime() <= startsAt.getTime()) return { ok: false, reason: "pilotEndsBeforeStart" };
  }
  return { ok: true, window: { startsAt, endsAt: window.endsAt } };
}

/**
 * The teams of a new pilot already in another pilot of the pipeline at some shared instant:
 * a team runs one pilot of a pipeline at a time, else its new deals would have two versions.
 */
export function overlappingTeams(
  existing: readonly Pilot[],
  proposed: PilotWindow & { teamIds: readonly string[] },
): { teamId: string; pilot: Pilot }[] {
  const clashes: { teamId: string; pilot: Pilot }[] = [];
  for (const pilot of existing) {
    if (!windowsOverlap(pilot, proposed)) continue;
    for (const teamId of proposed.teamIds)
      if (pilot.teamIds.includes(teamId)) clashes.push({ teamId, pilot });
  }
  return clashes;
}

export type Route = { versionId: string; pilotId: string | null };

/**
 * The version a new deal of a team starts on at `now`: the version of the team's active pilot,
 * else the published one. A deal without a team (nobody known to own it yet) starts on the
 * published version. `published` may be null for a pipeline only piloted so far: then only the
 * pilot teams can start deals (null route for the others).
 */
export function routeNewDeal(input: {
  published: string | null;
  pilots: readonly Pilot[];
  teamId: string | null;
  now: Date;
}): Route | null {
  if (input.teamId) {
    const pilot = input.pilots.find((p) => p.teamIds.includes(input.teamId!) && isPilotActive(p, input.now));
    if (pilot) return { versionId: pilot.versionId, pilotId: pilot.id };
  }
  return input.published ? { versionId: input.published, pilotId: null } : null;
}
