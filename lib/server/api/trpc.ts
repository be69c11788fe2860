import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { translator } from "@/lib/i18n/translate";
import { resolveMembership } from "@/lib/server/companies/membership";
import type { Role } from "@/lib/server/db/schema";
import { UserMessage } from "@/lib/server/errors";
import type { CompanyScope, Context } from "./context";

export type FieldErrors = Record<string, string[]>;

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  /**
   * Every error leaves in the user's language and without internals: a UserMessage
   * is translated, bad input becomes a readable 400 with the fields at fault, and
   * anything unexpected becomes a plain "something went wrong" (logged on the server).
   */
  errorFormatter({ shape, error, ctx }) {
    const tr = translator(ctx?.locale ?? "zh-CN");
    let message: string;
    let fieldErrors: FieldErrors | undefined;
    if (error.cause instanceof UserMessage) {
      message = tr(`errors.${error.cause.key}` as never, error.cause.values as never);
    } else if (error.cause instanceof ZodError) {
      message = tr("errors.invalidInput");
      fieldErrors = {};
      for (const issue of error.cause.issues) {
        const path = issue.path.join(".") || "_";
        (fieldErrors[path] ??= []).push(issue.message);
      }
    } else if (error.code === "INTERNAL_SERVER_ERROR") {
      message = tr("errors.internal");
    } else {
      message = tr(`errors.code.${error.code}` as never);
    }
    const { stack: _stack, ...data } = shape.data;
    return {
      ...shape,
      message,
      data: {
        ...data,
        fieldErrors,
        messageKey: error.cause instanceof UserMessage ? error.cause.key : undefined,
        details: error.cause instanceof UserMessage ? error.cause.details : undefined,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;

/** A signed-in user, whatever company they act in (profile, company switch). */
export const authedProcedure = t.procedure.use(({ ctx, next }) => {
  if (!ctx.userId) throw new TRPCError({ code: "UNAUTHORIZED" });
  return next({ ctx: { ...ctx, userId: ctx.userId } });
});

/** A signed-in, active member of the company the request acts in. `ctx.company` scopes every query. */
export const protectedProcedure = authedProcedure.use(async ({ ctx, next }) => {
  const membership = await resolveMembership(ctx.db, ctx.userId, ctx.requestedCompanyId);
  if (!membership) throw new TRPCError({ code: "FORBIDDEN" });
  const company: CompanyScope = {
    id: membership.companyId,
    name: membership.companyName,
    role: membership.role,
  };
  return next({ ctx: { ...ctx, company } });
});

/** Procedures only some roles may call; the rule is declared here, once. */
export function roleProcedure(...roles: Role[]) {
  return protectedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.company.role)) throw new TRPCError({ code: "FORBIDDEN" });
    return next();
  });
}

/** Company settings, users, pipelines. */
export const adminProcedure = roleProcedure("admin");
/** Teams, targets, approvals. */
export const managerProcedure = roleProcedure("admin", "manager");
/** Drafts, pilots, practice, simulation. */
export const trainerProcedure = roleProcedure("admin", "trainer");
