/**
 * The deals list's state as it lives in the URL (filters, sort, view, columns), so a view can
 * be bookmarked, shared and reloaded; and what `deals.list` / `deals.count` take for it.
 */
import { OPTION_FILTERS, PRIORITIES, SORT_KEYS, type Priority, type SortKey } from "@/lib/validation/deals";

export { OPTION_FILTERS, PRIORITIES, SORT_KEYS };
export type { OptionFilter, Priority, SortKey } from "@/lib/validation/deals";
export type Sort = { key: SortKey; dir: "asc" | "desc" };
export const DEFAULT_SORT: Sort = { key: "updated", dir: "desc" };

export type DealFilters = {
  q: string;
  pipeline: string;
  stages: string[];
  /** "" for anyone, "me", or a member's id. */
  owner: string;
  team: string;
  industry: string[];
  region: string[];
  source: string[];
  priorities: Priority[];
  /** Kept as typed; only whole, non-negative numbers reach the API. */
  amountMin: string;
  amountMax: string;
  closeFrom: string;
  closeTo: string;
  createdFrom: string;
  createdTo: string;
  updatedFrom: string;
  updatedTo: string;
  overdue: boolean;
  /** Pipeline version ids: deals running on any of them. */
  versions: string[];
};

export const EMPTY_FILTERS: DealFilters = {
  q: "",
  pipeline: "",
  stages: [],
  owner: "",
  team: "",
  industry: [],
  region: [],
  source: [],
  priorities: [],
  amountMin: "",
  amountMax: "",
  closeFrom: "",
  closeTo: "",
  createdFrom: "",
  createdTo: "",
  updatedFrom: "",
  updatedTo: "",
  overdue: false,
  versions: [],
};

export const DATE_FILTERS = [
  "closeFrom",
  "closeTo",
  "createdFrom",
  "createdTo",
  "updatedFrom",
  "updatedTo",
] as const;

const KEY = /^[a-z][a-zA-Z0-9_]{0,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const AMOUNT = /^\d{1,14}(\.\d{1,2})?$/;
const list = (value: string | null) => (value ? value.split(",").filter(Boolean) : []);
const keys = (value: string | null) =>
  list(value)
    .filter((s) => KEY.test(s))
    .slice(0, 50);
const validDay = (v: string | null) => (v && DAY.test(v) && !Number.isNaN(Date.parse(v)) ? v : "");

/** Reads the filters from a query string, dropping whatever the API would refuse. */
export function parseFilters(params: URLSearchParams): DealFilters {
  const owner = params.get("owner") ?? "";
  const uuid = (name: string) => {
    const v = params.get(name) ?? "";
    return UUID.test(v) ? v : "";
  };
  const amount = (name: string) => {
    const v = params.get(name) ?? "";
    return AMOUNT.test(v) ? v : "";
  };
  return {
    q: (params.get("q") ?? "").slice(0, 100),
    pipeline: uuid("pipeline"),
    stages: keys(params.get("stage")),
    owner: owner === "me" || UUID.test(owner) ? owner : "",
    team: uuid("team"),
    industry: keys(params.get("industry")),
    region: keys(params.get("region")),
    source: keys(params.get("source")),
    priorities: list(params.get("priority")).filter((p): p is Priority =>
      (PRIORITIES as readonly string[]).includes(p),
    ),
    amountMin: amount("amin"),
    amountMax: amount("amax"),
    closeFrom: validDay(params.get("closeFrom")),
    closeTo: validDay(params.get("closeTo")),
    createdFrom: validDay(params.get("createdFrom")),
    createdTo: validDay(params.get("createdTo")),
    updatedFrom: validDay(params.get("updatedFrom")),
    updatedTo: validDay(params.get("updatedTo")),
    overdue: params.get("overdue") === "1",
    versions: list(params.get("version"))
      .filter((v) => UUID.test(v))
      .slice(0, 50),
  };
}

export function parseSort(params: URLSearchParams): Sort {
  const [key, dir] = (params.get("sort") ?? "").split(".");
  if ((SORT_KEYS as readonly string[]).includes(key ?? "") && (dir === "asc" || dir === "desc"))
    return { key: key as SortKey, dir };
  return DEFAULT_SORT;
}

/** The list's whole state in the URL: view, filters, sort (when not the default) and columns. */
export type ListState = { view: string; filters: DealFilters; sort: Sort; columns: string[] | null };

export function parseState(params: URLSearchParams): ListState {
  const cols = keys(params.get("cols"));
  return {
    view: (params.get("view") ?? "").slice(0, 60),
    filters: parseFilters(params),
    sort: parseSort(params),
    columns: cols.length ? cols : null,
  };
}

/** The query string of a list state; empty filters and the default sort are left out. */
export function stateQuery(s: ListState): string {
  const f = s.filters;
  const params = new URLSearchParams();
  if (s.view) params.set("view", s.view);
  if (f.q.trim()) params.set("q", f.q.trim());
  if (f.pipeline) params.set("pipeline", f.pipeline);
  if (f.stages.length) params.set("stage", f.stages.join(","));
  if (f.owner) params.set("owner", f.owner);
  if (f.team) params.set("team", f.team);
  for (const key of OPTION_FILTERS) if (f[key].length) params.set(key, f[key].join(","));
  if (f.priorities.length) params.set("priority", f.priorities.join(","));
  if (f.amountMin) params.set("amin", f.amountMin);
  if (f.amountMax) params.set("amax", f.amountMax);
  for (const key of DATE_FILTERS) if (f[key]) params.set(key, f[key]);
  if (f.overdue) params.set("overdue", "1");
  if (f.versions.length) params.set("version", f.versions.join(","));
  if (s.sort.key !== DEFAULT_SORT.key || s.sort.dir !== DEFAULT_SORT.dir)
    params.set("sort", `${s.sort.key}.${s.sort.dir}`);
  if (s.columns) params.set("cols", s.columns.join(","));
  return params.toString();
}

const num = (v: string) => (AMOUNT.test(v) ? Number(v) : undefined);

/** What `deals.count` takes for a set of filters (and `deals.list`, with a sort and a page). */
export function listInput(f: DealFilters) {
  const arr = <T>(xs: T[]) => (xs.length ? xs : undefined);
  return {
    search: f.q.trim() || undefined,
    pipelineId: f.pipeline || undefined,
    stages: arr(f.stages),
    owner: f.owner || undefined,
    teamId: f.team || undefined,
    industry: arr(f.industry),
    region: arr(f.region),
    source: arr(f.source),
    priorities: arr(f.priorities),
    amountMin: num(f.amountMin),
    amountMax: num(f.amountMax),
    closeFrom: f.closeFrom || undefined,
    closeTo: f.closeTo || undefined,
    createdFrom: f.createdFrom || undefined,
    createdTo: f.createdTo || undefined,
    updatedFrom: f.updatedFrom || undefined,
    updatedTo: f.updatedTo || undefined,
    overdue: f.overdue || undefined,
    versionIds: arr(f.versions),
  };
}

/** A saved view's filters (as `views.*` stores them) back into the list's filters. */
export function filtersFromInput(input: Record<string, unknown>): DealFilters {
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const strs = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
  const amount = (v: unknown) => (typeof v === "number" ? String(v) : "");
  return {
    q: str(input.search),
    pipeline: str(input.pipelineId),
    stages: strs(input.stages),
    owner: str(input.owner),
    team: str(input.teamId),
    industry: strs(input.industry),
    region: strs(input.region),
    source: strs(input.source),
    priorities: strs(input.priorities).filter((p): p is Priority =>
      (PRIORITIES as readonly string[]).includes(p),
    ),
    amountMin: amount(input.amountMin),
    amountMax: amount(input.amountMax),
    closeFrom: str(input.closeFrom),
    closeTo: str(input.closeTo),
    createdFrom: str(input.createdFrom),
    createdTo: str(input.createdTo),
    updatedFrom: str(input.updatedFrom),
    updatedTo: str(input.updatedTo),
    overdue: input.overdue === true,
    versions: strs(input.versionIds),
  };
}

/** The same filters, compared as the API sees them (so "" and [] do not count as a change). */
export const sameFilters = (a: DealFilters, b: DealFilters) =>
  JSON.stringify(listInput(a)) === JSON.stringify(listInput(b));

export const hasFilters = (f: DealFilters) => !sameFilters(f, EMPTY_FILTERS);
