import { describe, expect, it } from 'vitest';
import { withDatabaseName } from './test-database';

describe('withDatabaseName', () => {
  it('replaces the database and keeps the options of a single-host URI', () => {
    expect(withDatabaseName('mongodb://127.0.0.1:27017/?directConnection=true', 't1')).toBe('mongodb://127.0.0.1:27017/t1?directConnection=true');
    expect(withDatabaseName('mongodb://localhost/app', 't1')).toBe('mongodb://localhost/t1');
  });

  it('handles multi-host and SRV URIs, which are not WHATWG URLs', () => {
    expect(withDatabaseName('mongodb://a:1,b:2,c:3/app?replicaSet=rs0', 't2')).toBe('mongodb://a:1,b:2,c:3/t2?replicaSet=rs0');
    expect(withDatabaseName('mongodb+srv://cluster.example.com', 't3')).toBe('mongodb+srv://cluster.example.com/t3');
  });

  it('keeps the original database as authSource when credentials relied on it', () => {
    expect(withDatabaseName('mongodb://u:p@h/admin', 't4')).toBe('mongodb://u:p@h/t4?authSource=admin');
    expect(withDatabaseName('mongodb://u:p@h/?authSource=users', 't5')).toBe('mongodb://u:p@h/t5?authSource=users');
  });

  it('rejects a string that is not a MongoDB connection string', () => {
    expect(() => withDatabaseName('postgres://x', 't')).toThrow(/mongodb:\/\//);
  });
});
