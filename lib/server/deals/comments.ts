import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/lib/server/db/client";
import { dealEvents, deals, memberships, notifications, users } from "@/lib/server/db/schema";
import type { CompanyScope } from "@/lib/server/api/context";
import { appError } from "@/lib/server/errors";
import { assertVisibleDeal } from "./access";
import { dealViewers } from "./visibility";

export type Member = { id: string; name: string; email: string };

/** The company's active members, by name: whom a comment may mention. */
export async function activeMembers(db: Db, companyId: string): Promise<Member[]> {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.companyId, companyId), eq(memberships.status, "active")))
    .orderBy(asc(users.name));
}

/**
 * Members the deal page offers after "@": those who may see the deal (a mention sends them
 * to it), id and name only (no e-mail leaves the server).
 */
export async function mentionable(db: Db, company: CompanyScope, userId: string, dealId: string) {
  await assertVisibleDeal(db, company, userId, dealId);
  const viewers = await dealViewers(db, company.id, dealId);
  return (await activeMembers(db, company.id))
    .filter((m) => viewers.has(m.id))
    .map(({ id, name }) => ({ id, name }));
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;
const ASCII = /^[\x20-\x7e]*$/;

/** Whether `text` holds "@token" as a whole token (a CJK name may run into the next word). */
function mentions(text: string, token: string) {
  if (!token) return false;
  const haystack = text.toLowerCase();
  const needle = `@${token.toLowerCase()}`;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) {
    const next = text[i + needle.length];
    if (next === undefined || !ASCII.test(token) || !WORD_CHAR.test(next)) return true;
  }
  return false;
}

/** The members a comment mentions, by name or e-mail prefix ("@李娜", "@manager"). */
export function mentionedMembers(text: string, members: Member[]) {
  return members.filter((m) => mentions(text, m.name) || mentions(text, m.email.split("@")[0] ?? ""));
}

/**
 * Appends a comment to the deal's history and tells each member it mentions (not the
 * author). A comment does not change the deal, so it takes no version. Mentioning someone
 * who may not see the deal is refused, naming them: their notification would lead nowhere,
 * and the author should know the person did not hear of it.
 */
export async function addComment(
  db: Db,
  company: CompanyScope,
  userId: string,
  input: { dealId: string; text: string },
  now = new Date(),
) {
  await assertVisibleDeal(db, company, userId, input.dealId);
  const members = await activeMembers(db, company.id);
  const mentioned = mentionedMembers(input.text, members).filter((m) => m.id !== userId);
  if (mentioned.length) {
    const viewers = await dealViewers(db, company.id, input.dealId);
    const blind = mentioned.filter((m) => !viewers.has(m.id));
    if (blind.length) {
      throw appError(
        "BAD_REQUEST",
        "mentionCannotSee",
        { names: blind.map((m) => m.name).join(", "), count: blind.length },
        { userIds: blind.map((m) => m.id) },
      );
    }
  }
  return db.transaction(async (tx) => {
    const [deal] = await tx
      .select({ title: deals.title, pipelineVersionId: deals.pipelineVersionId })
      .from(deals)
      .where(and(eq(deals.companyId, company.id), eq(deals.id, input.dealId)));
    if (!deal) throw appError("NOT_FOUND", "dealNotFound");
    const [event] = await tx
      .insert(dealEvents)
      .values({
        companyId: company.id,
        dealId: input.dealId,
        type: "comment",
        actorId: userId,
        pipelineVersionId: deal.pipelineVersionId,
        comment: input.text,
        at: now,
      })
      .returning({ id: dealEvents.id });
    const author = members.find((m) => m.id === userId)?.name ?? "";
    if (mentioned.length) {
      await tx.insert(notifications).values(
        mentioned.map((m) => ({
          companyId: company.id,
          userId: m.id,
          kind: "mention",
          dealId: input.dealId,
          title: {
            zh: `${author}在商机「${deal.title}」中提到了您`,
            en: `${author} mentioned you on “${deal.title}”`,
          },
          createdAt: now,
        })),
      );
    }
    return { eventId: event!.id, mentioned: mentioned.map((m) => m.id) };
  });
}
