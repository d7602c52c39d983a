import { describe, expect, it } from 'vitest';
import { formatActionName, parseActionName } from './action-name';

describe('ConnectWise action configuration names', () => {
  it('reads {region}.{action}.{id}', () => {
    expect(parseActionName('uswest.backup.10')).toEqual({ region: 'uswest', action: 'backup', id: '10' });
    expect(parseActionName(' EU-1.Restore.77 ')).toEqual({ region: 'eu-1', action: 'restore', id: '77' });
  });

  it('refuses anything else', () => {
    for (const name of ['uswest.tenant.19771', 'uswest.backup', 'backup.10', 'uswest.backup.ten', 'uswest.backup.10.2', '']) {
      expect(parseActionName(name)).toBeNull();
    }
  });

  it('writes what it reads', () => {
    expect(formatActionName({ region: 'uswest', action: 'download', id: '5' })).toBe('uswest.download.5');
  });
});
