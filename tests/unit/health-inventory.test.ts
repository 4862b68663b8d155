import t from 'tap';
import { normalize } from '../../server/src/domain/devices/devices.service.js';
import { DomainError } from '../../server/src/domain/shared/errors.js';
import type { DeviceInput } from '../../server/src/domain/devices/device.types.js';

const base: DeviceInput = { kind: 'camera', name: 'Camera', model: null, serial: null, location: null, host: null, port: null, notes: null };

t.test('inventory input: tidy text, blanks are null, host and port go together', async (t) => {
  t.same(normalize({ ...base, name: '  Camera   bảng ', model: ' ', serial: ' HK-1 ', location: '', notes: '  ' }), { ...base, name: 'Camera bảng', serial: 'HK-1' });
  t.same(normalize({ ...base, host: ' Cam-1.Truong.Local ', port: 554 }), { ...base, host: 'cam-1.truong.local', port: 554 });
  t.equal(normalize({ ...base, host: '[FE80::1]', port: 80 }).host, 'fe80::1', 'IPv6 without brackets, as net.connect wants it');
  t.throws(() => normalize({ ...base, host: '192.168.1.20' }), { code: 'VALIDATION_FAILED', details: { fields: [{ field: '/port' }] } });
  t.throws(() => normalize({ ...base, port: 554 }), { code: 'VALIDATION_FAILED', details: { fields: [{ field: '/host' }] } });
  t.throws(() => normalize({ ...base, name: '   ' }), DomainError);
});
