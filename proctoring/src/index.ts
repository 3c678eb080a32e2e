/**
 * @skillcert/proctoring: the proctoring contract (events, actions, snapshots), the incident rules and
 * the room dashboard state (R10). Pure: no sockets or database here; the `/proctor` namespace mounts
 * these on the server's socket.io.
 */
export * from './events';
export * from './rules/index';
export * from './room-state';
