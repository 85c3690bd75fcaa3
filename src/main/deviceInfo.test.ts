import { describe, expect, it } from 'vitest';
import { deviceInfoSchema } from '@shared/api/auth';
import { deviceInfoOf, hostDeviceInfo } from './deviceInfo';

describe('device info', () => {
  it('names the computer, its system and the app version', () => {
    expect(
      deviceInfoOf(
        { hostname: 'ZFQ-LAPTOP-07', platform: 'win32', version: 'Windows 10 Pro', release: '10.0.19045', arch: 'x64' },
        '1.2.0',
      ),
    ).toEqual({ hostName: 'ZFQ-LAPTOP-07', system: 'Windows 10 Pro (x64)', appVersion: '1.2.0' });
    expect(deviceInfoOf({ hostname: '', platform: 'linux', version: '#1 SMP', release: '6.1.0-18-amd64', arch: 'x64' }, '1.2.0')).toEqual({
      hostName: null,
      system: 'Linux 6.1.0-18-amd64 (x64)',
      appVersion: '1.2.0',
    });
  });

  it('reports this machine within the endpoint’s limits', () => {
    expect(deviceInfoSchema.parse(hostDeviceInfo('0.1.0'))).toMatchObject({ appVersion: '0.1.0' });
  });
});
