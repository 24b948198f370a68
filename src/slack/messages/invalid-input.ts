// Input calsync refused, said in the reader's language: the problem arrives as data (a code and its values)
// and only the words echoed from the input are outside text, made safe here.
import { t, type Dictionary, type Locale } from '../../i18n/index.js';
import type { ServiceProblem } from '../../sync/payload.js';
import type { CommandProblem } from '../commands/parse.js';
import { message, section } from './blocks.js';
import { inline } from './format.js';
import type { SlackMessage } from './types.js';

/** A command that did not parse, a button that is not ours, or a catalogue row that breaks a rule. */
export type InputProblem =
  | CommandProblem
  | { code: 'not-our-button' }
  | { code: 'invalid-service'; serviceId: number; problem: ServiceProblem };

const WORD_MAX = 40;

function inputProblemText(p: InputProblem, d: Dictionary): string {
  const r = d.invalid.reason;
  switch (p.code) {
    case 'too-long':
      return r.tooLong(p.length);
    case 'control-characters':
      return r.controlCharacters;
    case 'no-ids':
      return r.noIds;
    case 'too-many-ids':
      return r.tooManyIds(p.max);
    case 'not-an-id':
      return r.notAnId(inline(p.word, WORD_MAX));
    case 'out-of-range':
      return r.outOfRange(inline(p.word, WORD_MAX), p.max);
    case 'one-id':
      return r.oneId(p.verb);
    case 'no-arguments':
      return r.noArguments(p.verb);
    case 'unknown-command':
      return r.unknownCommand(inline(p.word, WORD_MAX));
    case 'not-our-button':
      return r.notOurButton;
    case 'invalid-service':
      return r.invalidService(p.serviceId, d.serviceProblem(p.problem));
  }
}

/** Ephemeral explanation of input that was refused (`/calsync abc`). */
export function invalidInputMessage(problem: InputProblem, locale: Locale): SlackMessage {
  const d = t(locale);
  const headline = d.invalid.headline(inputProblemText(problem, d));
  return message(`${headline} — ${d.invalid.hint}`, [section(`:warning: ${headline}\n${d.invalid.hint}`)]);
}
