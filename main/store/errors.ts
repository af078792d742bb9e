/** The database file exists but is not a LiteSIP database, or is damaged. It is left untouched. */
export class StoreOpenError extends Error {
  constructor(
    readonly path: string,
    readonly reason: 'corrupt' | 'foreign' | 'too-new' | 'locked',
    message: string,
  ) {
    super(message);
    this.name = 'StoreOpenError';
  }
}
