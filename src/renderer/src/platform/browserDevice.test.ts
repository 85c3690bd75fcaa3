import { describe, expect, it } from 'vitest';
import { browserDeviceInfo } from './browserDevice';

describe('browser device info', () => {
  it('names the system and the browser from the user agent, never a computer name', () => {
    const chromeOnWindows =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
    expect(browserDeviceInfo(chromeOnWindows, '1.2.0')).toEqual({
      hostName: null,
      system: 'Windows 10/11 · Chrome 131',
      appVersion: '1.2.0',
    });
    const edge = `${chromeOnWindows} Edg/131.0.2903.86`;
    expect(browserDeviceInfo(edge, '1.2.0').system).toBe('Windows 10/11 · Edge 131');
    const firefoxOnLinux = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
    expect(browserDeviceInfo(firefoxOnLinux, '1.2.0').system).toBe('Linux · Firefox 128');
    const safari = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15';
    expect(browserDeviceInfo(safari, '1.2.0').system).toBe('macOS 10.15.7 · Safari 17');
    expect(browserDeviceInfo('', '1.2.0').system).toBe('browser');
  });
});
