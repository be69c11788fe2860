import { analyticsRouter } from "./routers/analytics";
import { apiKeysRouter } from "./routers/api-keys";
import { archiveRouter } from "./routers/archive";
import { authRouter } from "./routers/auth";
import { boardRouter } from "./routers/board";
import { companyRouter } from "./routers/company";
import { dealActivityRouter } from "./routers/deal-activity";
import { dealsRouter } from "./routers/deals";
import { editorRouter } from "./routers/editor";
import { exportsRouter } from "./routers/exports";
import { feedbackRouter } from "./routers/feedback";
import { importsRouter } from "./routers/imports";
import { meRouter } from "./routers/me";
import { migrationsRouter } from "./routers/migrations";
import { notificationsRouter } from "./routers/notifications";
import { pipelinesRouter } from "./routers/pipelines";
import { practiceRouter } from "./routers/practice";
import { simulationsRouter } from "./routers/simulations";
import { targetsRouter } from "./routers/targets";
import { teamsRouter } from "./routers/teams";
import { usersRouter } from "./routers/users";
import { versionsRouter } from "./routers/versions";
import { viewsRouter } from "./routers/views";
import { webhooksRouter } from "./routers/webhooks";
import { createCallerFactory, createTRPCRouter } from "./trpc";

/** One router per domain noun, registered here by hand. */
export const appRouter = createTRPCRouter({
  auth: authRouter,
  me: meRouter,
  company: companyRouter,
  users: usersRouter,
  teams: teamsRouter,
  pipelines: pipelinesRouter,
  deals: dealsRouter,
  dealActivity: dealActivityRouter,
  board: boardRouter,
  notifications: notificationsRouter,
  editor: editorRouter,
  views: viewsRouter,
  apiKeys: apiKeysRouter,
  webhooks: webhooksRouter,
  imports: importsRouter,
  exports: exportsRouter,
  archive: archiveRouter,
  versions: versionsRouter,
  migrations: migrationsRouter,
  simulations: simulationsRouter,
  practice: practiceRouter,
  analytics: analyticsRouter,
  targets: targetsRouter,
  feedback: feedbackRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
