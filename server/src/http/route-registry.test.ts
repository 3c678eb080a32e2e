import type { RequestHandler } from 'express';
import { describe, expect, it } from 'vitest';
import { RouteRegistry } from './route-registry';

const passThrough: RequestHandler = (_request, _response, next) => next();
const handler = () => undefined;

describe('RouteRegistry', () => {
  it('R17: records method, path and roles of every route in registration order', () => {
    const registry = new RouteRegistry(passThrough)
      .add({ method: 'get', path: '/api/a', roles: 'public', summary: 'a', handler })
      .add({ method: 'post', path: '/api/b', roles: ['admin', 'hr'], summary: 'b', handler });
    expect(registry.table).toEqual([
      { method: 'get', path: '/api/a', roles: 'public', summary: 'a' },
      { method: 'post', path: '/api/b', roles: ['admin', 'hr'], summary: 'b' },
    ]);
  });

  it('refuses a route registered twice', () => {
    const registry = new RouteRegistry(passThrough).add({ method: 'get', path: '/api/a', roles: 'public', summary: 'a', handler });
    expect(() => registry.add({ method: 'get', path: '/api/a', roles: 'authenticated', summary: 'again', handler })).toThrow(
      /GET \/api\/a is registered twice/,
    );
  });

  it('refuses an empty role list', () => {
    expect(() => new RouteRegistry(passThrough).add({ method: 'get', path: '/api/a', roles: [], summary: 'a', handler })).toThrow(
      /lists no roles/,
    );
  });
});
