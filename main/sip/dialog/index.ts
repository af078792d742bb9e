export { Dialog, type DialogState } from './dialog';
export { dialogKey, type DialogId } from './dialog-id';
export { DialogError } from './errors';
export { routeRequest, type RoutedTarget } from './route-request';
export { randomCSeq } from './random-cseq';
