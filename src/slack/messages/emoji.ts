import type { OutcomeKind, SyncStatus } from '../../sync/types.js';

/** What a service's parent message can show: waiting, working, blocked by another run, or an outcome. */
export type ParentState = 'queued' | 'running' | 'busy' | OutcomeKind;

export const STATE_EMOJI: Readonly<Record<ParentState, string>> = {
  queued: ':hourglass_flowing_sand:',
  running: ':arrows_counterclockwise:',
  busy: ':lock:',
  created: ':white_check_mark:',
  updated: ':white_check_mark:',
  unchanged: ':white_check_mark:',
  recreated: ':recycle:',
  adopted: ':link:',
  failed: ':x:',
};

export const STATUS_EMOJI: Readonly<Record<SyncStatus, string>> = {
  pending: ':hourglass_flowing_sand:',
  synced: ':white_check_mark:',
  error: ':x:',
  unknown: ':grey_question:',
};

export const OUTCOME_ORDER: readonly OutcomeKind[] = ['created', 'updated', 'unchanged', 'recreated', 'adopted', 'failed'];
