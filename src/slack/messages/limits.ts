// Block Kit's limits (SPEC §4 "Threads"). Slack rejects a whole message for one oversized field
// (`invalid_blocks`), so builders size their output by these numbers and tests check every message
// (test/slack/messages/block-kit.ts).

export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionId: 255,
  blockId: 255,
  /** Slack truncates a message's `text` beyond this. */
  messageText: 40_000,
} as const;
