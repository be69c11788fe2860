/** The deals list's filters, as they live in the URL so a view can be bookmarked and shared. */
export type DealFilters = {
  q: string;
  stages: string[];
  /** "" for anyone, "me", or a member's id. */
  owner: string;
  priorities: Priority[];
  overdue: boolean;
};

export const PRIORITIES = ["A", "B", "C", "D"] as const;
export type Priority = (typeof PRIORITIES)[number];

const KEY = /^[a-z][a-zA-Z0-9_]{0,63}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const list = (value: string | null) => (value ? value.split(",").filter(Boolean) : []);

/** Reads the filters from a query string, dropping whatever the API would refuse. */
export function parseFilters(params: URLSearchParams): DealFilters {
  const owner = params.get("owner") ?? "";
  return {
    q: (params.get("q") ?? "").slice(0, 100),
    stages: list(params.get("stage"))
      .filter((s) => KEY.test(s))
      .slice(0, 50),
    owner: owner === "me" || UUID.test(owner) ? owner : "",
    priorities: list(params.get("priority")).filter((p): p is Priority =>
      (PRIORITIES as readonly string[]).includes(p),
    ),
    overdue: params.get("overdue") === "1",
  };
}

/** The query string of a set of filters; empty ones are left out. */
export function filtersQuery(f: DealFilters): string {
  const params = new URLSearchParams();
  if (f.q.trim()) params.set("q", f.q.trim());
  if (f.stages.length) params.set("stage", f.stages.join(","));
  if (f.owner) params.set("owner", f.owner);
  if (f.priorities.length) params.set("priority", f.priorities.join(","));
  if (f.overdue) params.set("overdue", "1");
  return params.toString();
}

/** What `deals.list` takes for a set of filters. */
export function listInput(f: DealFilters) {
  return {
    search: f.q.trim() || undefined,
    stages: f.stages.length ? f.stages : undefined,
    owner: f.owner || undefined,
    priorities: f.priorities.length ? f.priorities : undefined,
    overdue: f.overdue || undefined,
  };
}

export const hasFilters = (f: DealFilters) =>
  Boolean(f.q.trim() || f.stages.length || f.owner || f.priorities.length || f.overdue);
