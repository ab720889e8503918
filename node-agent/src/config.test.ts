import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';

describe('node-agent config', () => {
  it('applies the defaults around a NODE_ID', () => {
    expect(parseConfig({ NODE_ID: 'n1' })).toMatchObject({
      NODE_ID: 'n1',
      TEMPORAL_ADDRESS: '127.0.0.1:7233',
      TEMPORAL_NAMESPACE: 'default',
      HOSTPLANE_HOME_ROOT: '/home',
      HOSTPLANE_USER_SHELL: '/bin/bash',
      HOSTPLANE_NOLOGIN_SHELL: '/usr/sbin/nologin',
      LOG_LEVEL: 'info',
    });
  });

  it('defaults MySQL to root on 127.0.0.1:3306 and Valkey to its port range', () => {
    expect(parseConfig({ NODE_ID: 'n1' })).toMatchObject({
      MYSQL_ADMIN_HOST: '127.0.0.1',
      MYSQL_ADMIN_PORT: 3306,
      MYSQL_ADMIN_USER: 'root',
      VALKEY_PORT_MIN: 16400,
      VALKEY_PORT_MAX: 17399,
      VALKEY_MEMORY_ALLOWANCE_MB: 2048,
      VALKEY_BIND: '127.0.0.1',
    });
    expect(() => parseConfig({ NODE_ID: 'n1', VALKEY_ADMIN_SECRET: 'short' })).toThrow(/VALKEY_ADMIN_SECRET/);
  });

  it('names every bad variable in one message', () => {
    expect(() => parseConfig({ HOSTPLANE_HOME_ROOT: 'homes', LOG_LEVEL: 'loud' })).toThrow(
      /NODE_ID: is required\n {2}HOSTPLANE_HOME_ROOT: must be an absolute path\n {2}LOG_LEVEL:/,
    );
  });
});
