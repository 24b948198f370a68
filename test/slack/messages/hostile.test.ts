// Every builder, fed catalogue and Cal.com text written by an attacker: nothing may ping, link, reformat
// or hide in Slack, neither in the blocks nor in the fallback `text` (notifications, `response_url`).
import { describe, expect, it } from 'vitest';
import { parentMessage, statusCard, syncResultMessage, type SlackMessage } from '../../../src/slack/messages/index.js';
import { everyBuilder } from './builders.js';
import { expectWellFormed, failed, LOCALES, service } from './fixtures.js';

/** Control and format characters, first in an error so they fall inside its 100-character snippet. */
const CONTROLS = '\u202Eevil\u202C zero\u200Bwidth\u2060joined\uFEFF bell\u0007esc\u001b]52;c;aGk=\u0007 \u009b31m';

const HOSTILE = [
  '<!channel>',
  '<!here|here>',
  '<@U123>',
  '<#C123>',
  '<https://evil.example|Re-login here>',
  'a & b',
  '`code` ends ``` here',
  '*bold*',
  '_italic_',
  '~strike~',
  CONTROLS,
].join(' ');

const FORBIDDEN_RAW = ['<!channel>', '<!here', '<@U123>', '<#C123>', '<https://evil.example', '*bold*', '_italic_', '~strike~'];

/** Every mrkdwn or plain text a message carries, the fallback first. */
function allTexts(msg: SlackMessage): string[] {
  const out = [msg.text];
  for (const block of msg.blocks) {
    const b = block as {
      text?: { text: string };
      fields?: Array<{ text: string }>;
      elements?: Array<{ text?: unknown }>;
      accessory?: { text?: { text: string } };
    };
    if (b.text) out.push(b.text.text);
    for (const f of b.fields ?? []) out.push(f.text);
    for (const e of b.elements ?? []) {
      if (typeof e.text === 'string') out.push(e.text);
      else if (e.text && typeof (e.text as { text?: unknown }).text === 'string') out.push((e.text as { text: string }).text);
    }
    if (b.accessory?.text) out.push(b.accessory.text.text);
  }
  return out;
}

function expectInert(msg: SlackMessage): void {
  expectWellFormed(msg);
  for (const text of allTexts(msg)) {
    // Code spans and blocks show their content literally; everything outside them is mrkdwn.
    const outside = text.replace(/```[^`]*```/g, '').replace(/`[^`\n]*`/g, '');
    for (const raw of FORBIDDEN_RAW) expect(outside, `${raw} in ${JSON.stringify(text)}`).not.toContain(raw);
    expect(outside, `a backtick left over in ${JSON.stringify(text)}`).not.toContain('`');
    expect(text, `a bare & in ${JSON.stringify(text)}`).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(text, `a format character in ${JSON.stringify(text)}`).not.toMatch(/\p{Cf}/u);
    expect(text.replace(/\n/g, ''), `a control character in ${JSON.stringify(text)}`).not.toMatch(/\p{Cc}/u);
  }
}

describe.each(LOCALES)('hostile catalogue and Cal.com text (%s)', (locale) => {
  const builders = everyBuilder(locale, { outside: HOSTILE, controls: CONTROLS, error: `Cal.com API error 400: ${HOSTILE}` });

  it.each(builders)('%s: no ping, link, formatting, hidden or control character', (_name, build) => {
    expectInert(build());
  });

  it('the failure fallback still says what failed, escaped', () => {
    const msg = syncResultMessage(failed({ error: 'Cal.com API error 400: <!channel> <https://evil.example|Re-login here>' }), locale);
    expect(msg.text).toContain('&lt;!channel&gt;');
    expect(msg.text).toContain('&lt;https://evil.example|Re-login here&gt;');
  });

  it('format characters go, but an emoji keeps its joiner (it only joins glyphs)', () => {
    const msg = parentMessage({ serviceId: 85, serviceName: 'Färben\u202E 💇‍♀️', requestedBy: 'U0123ABC', state: 'running' }, locale);
    expect(msg.text).toContain('Färben 💇‍♀️');
  });

  it('every mrkdwn text is verbatim, so Slack links no bare URL or channel name', () => {
    const msg = statusCard(service({ name: 'evil.example/login #general' }), [], locale);
    const objects = msg.blocks.flatMap((b) => {
      const block = b as {
        text?: { type: string; verbatim?: boolean };
        fields?: Array<{ type: string; verbatim?: boolean }>;
        elements?: Array<{ type: string; verbatim?: boolean }>;
      };
      return [block.text, ...(block.fields ?? []), ...(block.elements ?? [])].filter((o) => o?.type === 'mrkdwn');
    });
    expect(objects.length).toBeGreaterThan(0);
    for (const o of objects) expect(o).toMatchObject({ verbatim: true });
  });
});
