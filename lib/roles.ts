/** The four roles of a company member, from most to least privileged. */
export const ROLES = ["admin", "manager", "trainer", "rep"] as const;
export type Role = (typeof ROLES)[number];
