import { z } from "zod";
import { ROLES } from "@/lib/roles";
import { Email, PersonName } from "./auth";

export const RoleInput = z.enum(ROLES);
export const Id = z.uuid({ error: "invalidId" });

export const CreateUserInput = z.object({
  email: Email,
  name: PersonName,
  role: RoleInput,
  teamIds: z.array(Id).max(20).default([]),
  /** "password": a one-time password shown once; "invite": a link the person opens to set their own. */
  method: z.enum(["password", "invite"]),
});
export type CreateUserInput = z.input<typeof CreateUserInput>;

export const SetRoleInput = z.object({ userId: Id, role: RoleInput });
export const SetUserTeamsInput = z.object({ userId: Id, teamIds: z.array(Id).max(20) });
export const SetUserStatusInput = z.object({ userId: Id, active: z.boolean() });

export const TeamInput = z.object({
  name: z.string().trim().min(1, { error: "required" }).max(60, { error: "tooLong" }),
  nameEn: z.string().trim().max(60, { error: "tooLong" }).optional().nullable(),
  managerId: Id.nullable(),
  memberIds: z.array(Id).max(500).default([]),
  /** The pipeline new deals of the team's members start in (null: the company's default). */
  defaultPipelineId: Id.nullable().optional(),
});
export const UpdateTeamInput = TeamInput.extend({ teamId: Id });
