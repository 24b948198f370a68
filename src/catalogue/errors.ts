// The catalogue's error, apart from the parser so the CLI can recognise it without loading csv-parse.
export class ImportError extends Error {
  override name = 'ImportError';
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}
