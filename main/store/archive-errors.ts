/** Why an archive was refused; nothing was changed when one is thrown. */
export type ArchiveFault = 'corrupt' | 'foreign' | 'too-new' | 'passphrase' | 'target-not-empty' | 'empty-store';

export class ArchiveError extends Error {
  constructor(
    readonly fault: ArchiveFault,
    message: string,
  ) {
    super(message);
    this.name = 'ArchiveError';
  }
}
