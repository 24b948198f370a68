// One deadline for promises that may never settle (a Redis that accepts and says nothing, a Slack that
// never says hello, a database stuck behind a transaction). The timer is unref'd: a deadline alone never
// keeps the process alive, and it is cleared as soon as the work settles.

/** Settles as `work` does, or rejects with `late()` once `ms` have passed without it settling. */
export async function withinDeadline<T>(
  work: Promise<T>,
  ms: number,
  late: () => Error = () => new Error(`no answer within ${ms} ms`),
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(late()), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
