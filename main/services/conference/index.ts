/** Local conferences: calls merged and mixed in the endpoint (RFC 5638 §3). */
export { LocalConference, MAX_CONFERENCE_PARTIES, type ConferenceMember } from './local-conference';
export { ConferenceError, type ConferenceErrorCode } from './errors';
