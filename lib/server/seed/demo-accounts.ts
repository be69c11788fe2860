import type { Role } from "@/lib/server/db/schema";

/*
 * The demo company's people, as plain data: the sign-in page, the README and tests list them
 * without loading the seed itself (argon2, drizzle).
 */

export const DEMO_PASSWORD = "pipewright-demo";
export const DEMO_ADMIN_EMAIL = "admin@example.com";

export type DemoTeamKey = "east" | "north";

export type DemoUser = {
  email: string;
  name: string;
  role: Role;
  /** The team the user is on; a manager's is the team they manage. */
  team: DemoTeamKey | null;
  /** What the user is there to show, e.g. "销售经理 / Manager of the East team". */
  title: string;
};

export const DEMO_TEAMS: readonly { key: DemoTeamKey; name: string; nameEn: string }[] = [
  { key: "east", name: "华东一组", nameEn: "East team" },
  { key: "north", name: "华北一组", nameEn: "North team" },
];

export const DEMO_USERS: readonly DemoUser[] = [
  { email: DEMO_ADMIN_EMAIL, name: "王磊", role: "admin", team: null, title: "管理员 / Admin" },
  {
    email: "manager@example.com",
    name: "李娜",
    role: "manager",
    team: "east",
    title: "销售经理 / East team manager",
  },
  {
    email: "manager.north@example.com",
    name: "赵强",
    role: "manager",
    team: "north",
    title: "销售经理 / North team manager",
  },
  { email: "trainer@example.com", name: "陈静", role: "trainer", team: null, title: "培训师 / Trainer" },
  { email: "rep.east@example.com", name: "张伟", role: "rep", team: "east", title: "销售代表 / Rep, East" },
  {
    email: "rep.north@example.com",
    name: "刘洋",
    role: "rep",
    team: "north",
    title: "销售代表 / Rep, North",
  },
  { email: "rep.east2@example.com", name: "孙丽", role: "rep", team: "east", title: "销售代表 / Rep, East" },
  {
    email: "rep.north2@example.com",
    name: "周杰",
    role: "rep",
    team: "north",
    title: "销售代表 / Rep, North",
  },
  // South has no team of its own: its deals fall back to the East team, and so does its rep.
  {
    email: "rep.south@example.com",
    name: "吴敏",
    role: "rep",
    team: "east",
    title: "销售代表 / Rep, South (East team)",
  },
];
