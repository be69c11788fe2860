import { DEFAULT_SORT, EMPTY_FILTERS, type DealFilters, type Sort, type SortKey } from "./deal-filters";

/** Columns the list can show, in their default order. */
export const COLUMNS = [
  "title",
  "account",
  "contact",
  "stage",
  "version",
  "amount",
  "priority",
  "owner",
  "team",
  "industry",
  "region",
  "source",
  "expectedClose",
  "updated",
  "created",
] as const;
export type ColumnId = (typeof COLUMNS)[number];
export const DEFAULT_COLUMNS: ColumnId[] = [
  "title",
  "account",
  "stage",
  "version",
  "amount",
  "priority",
  "owner",
  "expectedClose",
  "updated",
];
/** The deal's name is how a row is opened: it cannot be hidden. */
export const FIXED_COLUMN: ColumnId = "title";

/** The server-side sort a column header asks for (team and the option fields do not sort). */
export const SORT_OF: Partial<Record<ColumnId, SortKey>> = {
  title: "title",
  account: "account",
  amount: "amount",
  stage: "stage",
  priority: "priority",
  expectedClose: "expectedClose",
  owner: "owner",
  updated: "updated",
  created: "created",
  // Sorting by version groups the deals by the version they run on (pilot deals together).
  version: "version",
};

/** Keeps known columns once each, the title first; none known gives the defaults. */
export function cleanColumns(ids: readonly string[] | null | undefined): ColumnId[] {
  const known = [...new Set(ids ?? [])].filter((c): c is ColumnId =>
    (COLUMNS as readonly string[]).includes(c),
  );
  if (known.length === 0) return DEFAULT_COLUMNS;
  return [FIXED_COLUMN, ...known.filter((c) => c !== FIXED_COLUMN)];
}

export type BuiltinView = { id: string; filters: DealFilters; sort: Sort };

/** The views every member has, defined here so they follow the user's language. */
export const BUILTIN_VIEWS: BuiltinView[] = [
  { id: "all", filters: EMPTY_FILTERS, sort: DEFAULT_SORT },
  { id: "mine", filters: { ...EMPTY_FILTERS, owner: "me" }, sort: DEFAULT_SORT },
  { id: "overdue", filters: { ...EMPTY_FILTERS, overdue: true }, sort: { key: "expectedClose", dir: "asc" } },
  { id: "high", filters: { ...EMPTY_FILTERS, priorities: ["A"] }, sort: { key: "amount", dir: "desc" } },
];

/** Where the default view's columns are kept in the browser. */
export const COLUMNS_STORAGE_KEY = "pipewright.deals.columns";
