// Its own module so the CLI can recognise it without loading the Slack SDK on every command.

/** Start-up could not reach Slack or was refused: the CLI prints the message and exits 1. */
export class SlackStartError extends Error {
  override name = 'SlackStartError';
}
