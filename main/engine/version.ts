import pkg from '../../package.json';

export const VERSION: string = pkg.version;
export const PRODUCT = 'LiteSIP';
/** Sent in User-Agent and Server headers. */
export const USER_AGENT = `${PRODUCT}/${VERSION}`;
