import { createCaller } from "@/lib/server/api/root";
import { createContextInner } from "@/lib/server/api/context";
import type { Db } from "@/lib/server/db/client";
import {
  companies,
  deals,
  invites,
  memberships,
  pipelines,
  pipelineVersions,
  teamMembers,
  teams,
  users,
} from "@/lib/server/db/schema";
import { hashPassword } from "@/lib/server/auth/password";
import type { Locale } from "@/lib/i18n/config";
import type { Role } from "@/lib/roles";
import { ROLES } from "@/lib/roles";
import { defaultProcess } from "@/workflows/templates/default-process";

export const PASSWORD = "correct horse battery";
let hashed: Promise<string> | undefined;
const passwordHash = () => (hashed ??= hashPassword(PASSWORD));

export type TestCompany = {
  id: string;
  users: Record<Role, { id: string; email: string }>;
  teamId: string;
  pipelineId: string;
  versionId: string;
  dealIds: string[];
  inviteId: string;
};

/**
 * A company with one member of each role, a team the manager runs (the rep in it),
 * the default pipeline, three deals (two the rep owns) and a pending invitation.
 */
export async function makeCompany(db: Db, label: string): Promise<TestCompany> {
  const hash = await passwordHash();
  const [company] = await db
    .insert(companies)
    .values({ name: `${label} Co` })
    .returning({ id: companies.id });
  const companyId = company!.id;
  const entries = {} as TestCompany["users"];
  for (const role of ROLES) {
    const email = `${role}@${label.toLowerCase()}.test`;
    const [user] = await db
      .insert(users)
      .values({ email, name: `${label} ${role}`, passwordHash: hash })
      .returning({ id: users.id });
    await db.insert(memberships).values({ companyId, userId: user!.id, role });
    entries[role] = { id: user!.id, email };
  }
  const [team] = await db
    .insert(teams)
    .values({ companyId, name: `${label} team`, managerId: entries.manager.id })
    .returning({ id: teams.id });
  await db.insert(teamMembers).values([
    { companyId, teamId: team!.id, userId: entries.manager.id },
    { companyId, teamId: team!.id, userId: entries.rep.id },
  ]);
  const [pipeline] = await db
    .insert(pipelines)
    .values({ companyId, key: "newBusiness", name: { zh: "新客户", en: "New business" }, isDefault: true })
    .returning({ id: pipelines.id });
  const [version] = await db
    .insert(pipelineVersions)
    .values({
      companyId,
      pipelineId: pipeline!.id,
      number: 1,
      status: "published",
      definition: defaultProcess,
      publishedAt: new Date(),
    })
    .returning({ id: pipelineVersions.id });
  const dealRows = await db
    .insert(deals)
    .values(
      [
        {
          title: `${label} deal 1`,
          ownerId: entries.rep.id,
          teamId: team!.id,
          stage: "lead",
          amount: 100_000,
        },
        {
          title: `${label} deal 2`,
          ownerId: entries.rep.id,
          teamId: team!.id,
          stage: "analysis",
          amount: 250_000,
        },
        { title: `${label} deal 3`, ownerId: entries.admin.id, teamId: null, stage: "won", amount: 80_000 },
      ].map((d) => ({
        ...d,
        companyId,
        pipelineId: pipeline!.id,
        pipelineVersionId: version!.id,
        account: `${label} account`,
      })),
    )
    .returning({ id: deals.id });
  const [invite] = await db
    .insert(invites)
    .values({
      companyId,
      email: `invitee@${label.toLowerCase()}.test`,
      role: "rep",
      tokenHash: `hash-${label}`,
      createdBy: entries.admin.id,
      expiresAt: new Date(Date.now() + 86_400_000),
    })
    .returning({ id: invites.id });
  return {
    id: companyId,
    users: entries,
    teamId: team!.id,
    pipelineId: pipeline!.id,
    versionId: version!.id,
    dealIds: dealRows.map((d) => d.id),
    inviteId: invite!.id,
  };
}

/** Calls the API as `userId` acting in `companyId`, exactly as the HTTP route would. */
export function callerFor(
  db: Db,
  userId: string | null,
  companyId: string | null = null,
  options: { locale?: Locale; cookies?: Record<string, string> } = {},
) {
  const cookies = options.cookies ?? {};
  return createCaller(
    createContextInner({
      db,
      userId,
      requestedCompanyId: companyId,
      locale: options.locale ?? "en",
      setCookie: (name, value) => {
        cookies[name] = value;
      },
    }),
  );
}
