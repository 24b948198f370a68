// The shape every locale must fill: a missing text in one locale is a compile error, not a blank in Slack.
// Texts that vary with a number or an id are functions, so each language can bend its own grammar.
import type { ServiceProblem } from '../sync/payload.js';
import type { StepKind } from '../sync/plan.js';
import type { OutcomeKind, SyncStatus, Trigger } from '../sync/types.js';

/** The commands of SPEC §4, in the order the help lists them. */
export type CommandName = 'sync' | 'status' | 'diff' | 'failed' | 'all' | 'import' | 'digest' | 'help';

export type BulkLabel = 'failed' | 'all';

export type ImportAction = 'linked' | 'created' | 'skipped';

export interface Dictionary {
  /** The outcome words of SPEC §3.12. */
  outcome: Record<OutcomeKind, string>;
  state: { queued: string; running: string; busy: string; queuedBehind(ahead: number): string };
  syncStatus: Record<SyncStatus, string>;
  trigger: Record<Trigger, string>;
  common: {
    service(id: number, name: string): string;
    eventTypeId: string;
    attempts: string;
    httpStatus: string;
    askedBy(user: string): string;
    retry: string;
    none: string;
    never: string;
    running: string;
    emptyError: string;
  };
  result: {
    synced(outcomeWord: string): string;
    failed(attempts: number): string;
    /** A sync refused before any API call: the row breaks a rule. */
    invalid(serviceId: number, problem: string): string;
    recreated(oldId: number, newId: number): string;
    adopted: string;
    /** A move (issue 13): the target's event type now linked; the other target's one left as it is. */
    moved(oldId: number, newId: number): string;
    /** An `unchanged` result: nothing was sent. */
    unchanged: string;
    /** Heading of the list of fields sent, each old → new. */
    changed: string;
    moreChanges(count: number): string;
  };
  /** The sync plan (SPEC §3.5), as previews show it. */
  plan: {
    step: Record<StepKind, string>;
    /** `3 updates`, `1 recreate`, `996 in sync`. */
    count: Record<StepKind, (n: number) => string>;
    /** `Apply: 3 updates, 1 recreate; 996 in sync`. */
    apply(work: string, inSync: string): string;
    nothingToDo(total: number): string;
    firstChanges: string;
    more(count: number): string;
    unreadable(reason: string): string;
  };
  retrying(user: string): string;
  busy: {
    running(serviceId: number, since: string): string;
    inThread(link: string): string;
    threadLabel: string;
    inChannel(channel: string): string;
    later: string;
  };
  usage: { title: string; intro: string; commands: Record<CommandName, string>; footer: string };
  invalid: {
    headline(reason: string): string;
    hint: string;
    /** Input refused (slack/commands/parse.ts, a forged button, a catalogue row), worded; words echoed are made safe first. */
    reason: {
      tooLong(length: number): string;
      controlCharacters: string;
      noIds: string;
      tooManyIds(max: number): string;
      notAnId(word: string): string;
      outOfRange(word: string, max: number): string;
      oneId(verb: string): string;
      noArguments(verb: string): string;
      unknownCommand(word: string): string;
      notOurButton: string;
      invalidService(serviceId: number, problem: string): string;
    };
  };
  /** A catalogue row that breaks a rule of SPEC §3.1 (sync/payload.ts). */
  serviceProblem(problem: ServiceProblem): string;
  refusal: string;
  unknownService(serviceId: number): string;
  status: {
    title(id: number, name: string): string;
    status: string;
    lastSuccess: string;
    lastCalcomSync: string;
    lastError: string;
    lastRuns: string;
    noRuns: string;
    notLinked: string;
    inactive: string;
  };
  diff: {
    title(id: number, name: string): string;
    nothingWritten: string;
    payload: string;
    live(eventTypeId: number): string;
    notLinked: string;
    liveMissing(eventTypeId: number): string;
    noDifferences: string;
    differences(count: number): string;
    catalogue: string;
    calcom: string;
    notSettable: string;
    more(count: number): string;
    /** `Plan: update`: the step a sync would take. */
    plan(step: string): string;
  };
  bulk: {
    title: Record<BulkLabel, string>;
    progress(done: number, total: number): string;
    finished(title: string, total: number, duration: string): string;
    failures(count: number): string;
    more(count: number): string;
  };
  confirmAll: { question(total: number): string; empty: string; confirm: string; cancel: string };
  notInChannel: string;
  /** Work that could not run or start: said, never dropped in silence (SPEC §4, §10 "Failing neighbours"). */
  work: {
    databaseDown: string;
    couldNotRun(serviceId: number, why: string): string;
    retryNotStarted(serviceId: number, why: string): string;
    commandFailed(why: string): string;
    noneInError: string;
    syncingAll: string;
  };
  import: {
    title: string;
    counts: Record<ImportAction, string>;
    item: Record<ImportAction, (eventTypeId: number, title: string, serviceId: number | null) => string>;
    nothing: string;
    more(count: number): string;
  };
  /** The daily digest (SPEC §5). */
  digest: {
    title(date: string): string;
    /** Counts as a column heading: `Failing`, `Stale`, … */
    states: Record<DigestStateName, string>;
    /** Counts in a sentence: `3 failing`, `40 in sync`. */
    count: Record<DigestStateName, (n: number) => string>;
    total(count: number): string;
    compared: string;
    first: string;
    failures(count: number): string;
    lastAttempt(at: string): string;
    more(count: number): string;
    allClear(total: number): string;
    empty: string;
    /** Drift (SPEC §5): event types edited or deleted by hand in Cal.com. */
    drift(count: number): string;
    edited: string;
    deleted(eventTypeId: number): string;
    restore: string;
    calcomUnreadable(reason: string): string;
  };
}

/** The digest's states; the same names as `DigestState` in digest/compose.ts. */
type DigestStateName = 'error' | 'stale' | 'neverSynced' | 'unknown' | 'synced';
