// Reading the Slack fake the way the end-to-end tests need: a message's whole text (fallback and blocks),
// where the next message will start, and the parent message of a service posted after a point.
import type { SlackFake } from '../../src/sandbox/slack-fake.js';

const seqOf = (ts: string) => Number(ts.split('.')[1]);

/** A message's fallback text and its blocks, for assertions that don't care where a word is. */
export const textOf = (m: { text: string; blocks: unknown[] }) => `${m.text}\n${JSON.stringify(m.blocks)}`;

/** `slack` is a getter: the sandbox is started in beforeAll, after the helpers are made. */
export function slackThreads(slack: () => SlackFake, channel: string) {
  return {
    /** The sequence number of the newest message posted anywhere, for "posted after this". */
    lastSeq: () => Math.max(0, ...[...slack().messages.values()].map((m) => seqOf(m.ts))),
    /** The first message in `channel` after `after` that names `serviceId`: a sync's parent. */
    parentFor: (serviceId: number, after: number) =>
      slack().waitFor(() =>
        slack()
          .channelMessages(channel)
          .filter((m) => seqOf(m.ts) > after)
          .find((m) => m.text.includes(`${serviceId}`)),
      ),
  };
}
