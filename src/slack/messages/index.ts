// Every Slack message calsync sends, as pure builders returning `{ text, blocks }`.
export { alreadyRunningMessage, type AlreadyRunningInput } from './already-running.js';
export { bulkProgressMessage, progressBar, type BulkProgressInput } from './bulk-progress.js';
export { bulkSummaryMessage, type BulkFailure, type BulkSummaryInput } from './bulk-summary.js';
export { CANCEL_ALL_ACTION_ID, CONFIRM_ALL_ACTION_ID, confirmAllMessage } from './confirm-all.js';
export { diffMessage, type DiffDifference, type DiffInput } from './diff.js';
export type { ParentState } from './emoji.js';
export { errorSnippet, escapeMrkdwn, formatDuration, formatUtc } from './format.js';
export { importSummaryMessage, type ImportItem, type ImportSummaryInput } from './import-summary.js';
export { assertBlockKitLimits, checkBlockKitLimits, LIMITS } from './limits.js';
export { notInChannelHint, withNotInChannelHint } from './not-in-channel.js';
export { parentMessage, type ParentMessageInput } from './parent.js';
export { refusalMessage, unknownServiceMessage } from './refusal.js';
export { parseRetryValue, RETRY_ACTION_ID, RETRY_ACTION_PATTERN, retryActionId, retryValue } from './retry.js';
export { replaceRetryButton, retryingMessage } from './retrying.js';
export { statusCard, type StatusRun } from './status-card.js';
export { syncResultMessage, type FailedOutcome, type SyncResultOptions } from './sync-result.js';
export type { KnownBlock, SlackMessage } from './types.js';
export { invalidInputMessage, usageMessage } from './usage.js';
