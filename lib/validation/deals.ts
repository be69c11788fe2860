/** The deals list's vocabulary, shared by the list's URL state (client) and its query (server). */
export const PRIORITIES = ["A", "B", "C", "D"] as const;
export type Priority = (typeof PRIORITIES)[number];
/** The deal fields (in `fields`) the list filters on, with option values from the pipeline. */
export const OPTION_FILTERS = ["industry", "region", "source"] as const;
export type OptionFilter = (typeof OPTION_FILTERS)[number];
export const SORT_KEYS = [
  "title",
  "account",
  "amount",
  "stage",
  "priority",
  "expectedClose",
  "owner",
  "updated",
  "created",
  "version",
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
