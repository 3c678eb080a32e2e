/**
 * @skillcert/proctoring: the proctoring contract (events, actions, snapshots, the `/proctor` socket
 * protocol), the incident rules and engine, and the room dashboard state (R10). Pure: no sockets or
 * database here. The namespace itself (`@skillcert/proctoring/namespace`, socket.io only, storage
 * behind a backend the server implements) is imported by its subpath so this entry stays pure.
 */
export * from './events';
export * from './rules/index';
export * from './room-state';
export * from './incident-engine';
export * from './protocol';
