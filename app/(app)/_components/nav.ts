import {
  BarChart3Icon,
  BriefcaseBusinessIcon,
  GraduationCapIcon,
  HomeIcon,
  MessagesSquareIcon,
  SettingsIcon,
  ShieldCheckIcon,
  UsersIcon,
  WorkflowIcon,
  type LucideIcon,
} from "lucide-react";
import type { Role } from "@/lib/roles";

export type NavItem = {
  href: string;
  key:
    | "home"
    | "pipelines"
    | "deals"
    | "approvals"
    | "practice"
    | "analytics"
    | "feedback"
    | "team"
    | "settings";
  icon: LucideIcon;
  roles: readonly Role[];
  /** A live count shown beside the entry. */
  badge?: "approvals" | "feedback";
};

const ALL: readonly Role[] = ["admin", "manager", "trainer", "rep"];

/** The navigation, by role: each person sees the places their work happens. */
export const NAV: NavItem[] = [
  { href: "/", key: "home", icon: HomeIcon, roles: ALL },
  { href: "/deals", key: "deals", icon: BriefcaseBusinessIcon, roles: ALL },
  {
    href: "/approvals",
    key: "approvals",
    icon: ShieldCheckIcon,
    roles: ["admin", "manager"],
    badge: "approvals",
  },
  { href: "/pipelines", key: "pipelines", icon: WorkflowIcon, roles: ALL },
  { href: "/practice", key: "practice", icon: GraduationCapIcon, roles: ALL },
  // Reps see their own figures there.
  { href: "/analytics", key: "analytics", icon: BarChart3Icon, roles: ALL },
  // Everyone sends feedback and follows their own; admins and trainers see what waits for triage.
  { href: "/feedback", key: "feedback", icon: MessagesSquareIcon, roles: ALL, badge: "feedback" },
  { href: "/team", key: "team", icon: UsersIcon, roles: ["admin", "manager"] },
  { href: "/settings", key: "settings", icon: SettingsIcon, roles: ALL },
];

export function navFor(role: Role) {
  return NAV.filter((item) => item.roles.includes(role));
}
