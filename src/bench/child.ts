// Entry of a benchmark child process. Each measurement that reports memory, or that must not share a core
// with what it measures (the load generator), runs in a fresh process: figures from one phase never
// leak into the next, and RSS means "this scenario", not "everything the run did so far". Tasks are
// imported on demand, so the load generator never loads the app, Prisma or PGlite.
// Each task takes its own argument type; the parent built them for it, so they are passed on as they came.
const tasks: Record<string, () => Promise<(args: never) => Promise<unknown>>> = {
  load: async () => (await import('./load.js')).generateLoad,
  'open-load': async () => (await import('./open-load.js')).generateOpenLoad,
  app: async () => (await import('./app-figures.js')).appFigures,
  engine: async () => (await import('./engine-cost.js')).engineCost,
  stack: async () => (await import('./stack-cost.js')).stackCost,
};

process.once('message', (msg: { task: string; args: unknown }) => {
  const done = (reply: object, code: number) => process.send!(reply, () => process.exit(code));
  const load = tasks[msg.task];
  if (!load) return done({ ok: false, error: `unknown task ${msg.task}` }, 1);
  load()
    .then((task) => task(msg.args as never))
    .then(
      (result) => done({ ok: true, result }, 0),
      (err: unknown) => done({ ok: false, error: (err as Error)?.stack ?? String(err) }, 1),
    );
});
