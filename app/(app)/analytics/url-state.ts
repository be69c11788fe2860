import { PERIOD_PRESETS, type PeriodPreset } from "@/lib/analytics/period";
import { PRIORITIES, type AnalyticsFiltersInput } from "@/lib/validation/analytics";

/**
 * The dashboard's filters as they live in the URL (so a view can be bookmarked, shared and
 * reloaded), and what `analytics.dashboard` takes for them. Anything the API would refuse is
 * dropped on reading.
 */
export type Filters = {
  pipelineId: string;
  versionId: string;
  period: PeriodPreset | "custom";
  from: string;
  to: string;
  mode: "cohort" | "active";
  teamIds: string[];
  ownerIds: string[];
  industry: string[];
  region: string[];
  source: string[];
  priorities: (typeof PRIORITIES)[number][];
};

export const DEFAULT_FILTERS: Filters = {
  pipelineId: "",
  versionId: "",
  period: "thisQuarter",
  from: "",
  to: "",
  mode: "cohort",
  teamIds: [],
  ownerIds: [],
  industry: [],
  region: [],
  source: [],
  priorities: [],
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY = /^[a-z][a-zA-Z0-9_]{0,63}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const list = (v: string | null) => (v ? v.split(",").filter(Boolean) : []);
const uuids = (v: string | null) =>
  list(v)
    .filter((x) => UUID.test(x))
    .slice(0, 50);
const keys = (v: string | null) =>
  list(v)
    .filter((x) => KEY.test(x))
    .slice(0, 50);
const day = (v: string | null) => (v && DAY.test(v) && !Number.isNaN(Date.parse(v)) ? v : "");

/** The dashboard's tabs; each has the period it opens on. */
export const TABS = ["overview", "adoption"] as const;
export type Tab = (typeof TABS)[number];
export const TAB_PERIOD: Record<Tab, PeriodPreset> = { overview: "thisQuarter", adoption: "thisWeek" };
export const tabOf = (params: URLSearchParams): Tab =>
  params.get("tab") === "adoption" ? "adoption" : "overview";

export function parseFilters(
  params: URLSearchParams,
  defaultPeriod: PeriodPreset = TAB_PERIOD.overview,
): Filters {
  const period = params.get("period") ?? "";
  const from = day(params.get("from"));
  const to = day(params.get("to"));
  const custom = period === "custom" && from && to && from <= to;
  return {
    pipelineId: UUID.test(params.get("pipeline") ?? "") ? params.get("pipeline")! : "",
    versionId: UUID.test(params.get("version") ?? "") ? params.get("version")! : "",
    period: custom
      ? "custom"
      : (PERIOD_PRESETS as readonly string[]).includes(period)
        ? (period as PeriodPreset)
        : defaultPeriod,
    from: custom ? from : "",
    to: custom ? to : "",
    mode: params.get("mode") === "active" ? "active" : "cohort",
    teamIds: uuids(params.get("team")),
    ownerIds: uuids(params.get("rep")),
    industry: keys(params.get("industry")),
    region: keys(params.get("region")),
    source: keys(params.get("source")),
    priorities: list(params.get("priority")).filter((p): p is Filters["priorities"][number] =>
      (PRIORITIES as readonly string[]).includes(p),
    ),
  };
}

/**
 * The query string of a set of filters (defaults left out), with the tab's own settings (`extra`:
 * the tab, the stale threshold, the leaderboard) after them.
 */
export function filtersQuery(
  f: Filters,
  defaultPeriod: PeriodPreset = TAB_PERIOD.overview,
  extra: Record<string, string> = {},
): string {
  const q = new URLSearchParams();
  if (f.pipelineId) q.set("pipeline", f.pipelineId);
  if (f.versionId) q.set("version", f.versionId);
  if (f.period !== defaultPeriod) q.set("period", f.period);
  if (f.period === "custom") {
    q.set("from", f.from);
    q.set("to", f.to);
  }
  if (f.mode !== "cohort") q.set("mode", f.mode);
  const join = (name: string, v: string[]) => v.length && q.set(name, v.join(","));
  join("team", f.teamIds);
  join("rep", f.ownerIds);
  join("industry", f.industry);
  join("region", f.region);
  join("source", f.source);
  join("priority", f.priorities);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

/** The Adoption tab's own settings in the URL: the stale threshold and the leaderboard shown. */
export type AdoptionView = { staleDays: number; board: "score" | "touched" | null };
export const DEFAULT_STALE_DAYS = 14;

export function parseAdoptionView(params: URLSearchParams): AdoptionView {
  const n = Number(params.get("stale"));
  const board = params.get("board");
  return {
    staleDays: Number.isInteger(n) && n >= 1 && n <= 365 ? n : DEFAULT_STALE_DAYS,
    board: board === "score" || board === "touched" ? board : null,
  };
}

export function adoptionQuery(v: AdoptionView): Record<string, string> {
  return {
    tab: "adoption",
    ...(v.staleDays !== DEFAULT_STALE_DAYS && { stale: String(v.staleDays) }),
    ...(v.board && { board: v.board }),
  };
}

/** The API's input for the filters. */
export function filtersInput(f: Filters): AnalyticsFiltersInput {
  return {
    ...(f.pipelineId && { pipelineId: f.pipelineId }),
    ...(f.versionId && { versionId: f.versionId }),
    period: f.period,
    ...(f.period === "custom" && { from: f.from, to: f.to }),
    mode: f.mode,
    teamIds: f.teamIds,
    ownerIds: f.ownerIds,
    industry: f.industry,
    region: f.region,
    source: f.source,
    priorities: f.priorities,
  };
}

export const narrowed = (f: Filters) =>
  f.teamIds.length +
    f.ownerIds.length +
    f.industry.length +
    f.region.length +
    f.source.length +
    f.priorities.length >
    0 || !!f.versionId;
