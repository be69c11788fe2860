import { describe, expect, it } from "vitest";
import {
  checkPilotWindow,
  overlappingTeams,
  pilotState,
  routeNewDeal,
  windowsOverlap,
  type Pilot,
} from "@/workflows/versions/pilots";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const EAST = "team-east";
const NORTH = "team-north";
const pilot = (over: Partial<Pilot> = {}): Pilot => ({
  id: "p1",
  versionId: "v2",
  teamIds: [EAST],
  startsAt: d("2026-03-01"),
  endsAt: d("2026-04-01"),
  ...over,
});

describe("pilot windows", () => {
  it("should be scheduled before the start, active from the start and ended at the (exclusive) end", () => {
    const p = pilot();
    expect(pilotState(p, d("2026-02-28"))).toBe("scheduled");
    expect(pilotState(p, d("2026-03-01"))).toBe("active");
    expect(pilotState(p, d("2026-03-31"))).toBe("active");
    expect(pilotState(p, d("2026-04-01"))).toBe("ended");
  });

  it("should stay active for good without an end, and count a cancelled pilot (end = start) as ended", () => {
    expect(pilotState(pilot({ endsAt: null }), d("2030-01-01"))).toBe("active");
    expect(pilotState(pilot({ endsAt: d("2026-03-01") }), d("2026-02-01"))).toBe("ended");
  });

  it("should see overlapping windows but not back-to-back ones", () => {
    const march = { startsAt: d("2026-03-01"), endsAt: d("2026-04-01") };
    expect(windowsOverlap(march, { startsAt: d("2026-03-15"), endsAt: null })).toBe(true);
    expect(windowsOverlap(march, { startsAt: d("2026-04-01"), endsAt: d("2026-05-01") })).toBe(false);
    expect(windowsOverlap(march, { startsAt: d("2026-01-01"), endsAt: d("2026-03-01") })).toBe(false);
    expect(windowsOverlap({ startsAt: d("2026-01-01"), endsAt: null }, march)).toBe(true);
    expect(windowsOverlap(march, { startsAt: d("2026-03-10"), endsAt: d("2026-03-10") })).toBe(false);
  });

  it("should start a pilot asked to start in the past now, and refuse an end before the start or in the past", () => {
    const now = d("2026-03-10");
    expect(checkPilotWindow({ startsAt: d("2026-03-01"), endsAt: null }, now)).toEqual({
      ok: true,
      window: { startsAt: now, endsAt: null },
    });
    expect(checkPilotWindow({ startsAt: d("2026-03-20"), endsAt: d("2026-03-15") }, now)).toEqual({
      ok: false,
      reason: "pilotEndsBeforeStart",
    });
    expect(checkPilotWindow({ startsAt: d("2026-03-01"), endsAt: d("2026-03-05") }, now)).toEqual({
      ok: false,
      reason: "pilotEndsInPast",
    });
  });

  it("should name the teams already in an overlapping pilot of the pipeline", () => {
    const existing = [
      pilot(),
      pilot({ id: "p2", versionId: "v3", teamIds: [NORTH], startsAt: d("2026-05-01"), endsAt: null }),
    ];
    expect(
      overlappingTeams(existing, {
        teamIds: [EAST, NORTH],
        startsAt: d("2026-03-15"),
        endsAt: d("2026-04-15"),
      }),
    ).toEqual([{ teamId: EAST, pilot: existing[0] }]);
    expect(
      overlappingTeams(existing, { teamIds: [EAST], startsAt: d("2026-04-01"), endsAt: d("2026-05-01") }),
    ).toEqual([]);
  });
});

describe("which version a new deal starts on", () => {
  const pilots = [pilot()];
  const route = (teamId: string | null, now: string, published: string | null = "v1") =>
    routeNewDeal({ published, pilots, teamId, now: d(now) });

  it("should start an East deal on the pilot version while East's pilot is active", () => {
    expect(route(EAST, "2026-03-02")).toEqual({ versionId: "v2", pilotId: "p1" });
  });

  it("should start a North deal on the published version", () => {
    expect(route(NORTH, "2026-03-02")).toEqual({ versionId: "v1", pilotId: null });
  });

  it("should start East deals on the published version before the pilot starts and after it ends", () => {
    expect(route(EAST, "2026-02-28")).toEqual({ versionId: "v1", pilotId: null });
    expect(route(EAST, "2026-04-01")).toEqual({ versionId: "v1", pilotId: null });
  });

  it("should start a deal without a team on the published version", () => {
    expect(route(null, "2026-03-02")).toEqual({ versionId: "v1", pilotId: null });
  });

  it("should have nowhere to start a non-pilot team's deal in a pipeline that is only piloted", () => {
    expect(route(NORTH, "2026-03-02", null)).toBeNull();
    expect(route(EAST, "2026-03-02", null)).toEqual({ versionId: "v2", pilotId: "p1" });
  });
});
