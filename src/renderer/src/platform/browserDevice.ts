// What a browser can tell the endpoint of its device at sign-in: no computer name (browsers keep it from pages), but
// the system and the browser from the user agent, and the app's version.
import type { DeviceInfo } from '@shared/api/auth';

const SYSTEMS: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/Windows NT 10\.0/, () => 'Windows 10/11'],
  [/Windows NT ([\d.]+)/, (m) => `Windows NT ${m[1]}`],
  [/Android ([\d.]+)/, (m) => `Android ${m[1]}`],
  [/iPhone OS ([\d_]+)/, (m) => `iOS ${m[1]!.replace(/_/g, '.')}`],
  [/Mac OS X ([\d_.]+)/, (m) => `macOS ${m[1]!.replace(/_/g, '.')}`],
  [/CrOS/, () => 'ChromeOS'],
  [/Linux/, () => 'Linux'],
];

const BROWSERS: [RegExp, string][] = [
  [/Edg\/(\d+)/, 'Edge'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/Chrome\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[\d.]* .*Safari\//, 'Safari'],
];

function firstMatch<T>(userAgent: string, table: [RegExp, T][]): [RegExpMatchArray, T] | null {
  for (const [pattern, value] of table) {
    const match = userAgent.match(pattern);
    if (match) return [match, value];
  }
  return null;
}

export function browserDeviceInfo(userAgent: string, appVersion: string): DeviceInfo {
  const system = firstMatch(userAgent, SYSTEMS);
  const browser = firstMatch(userAgent, BROWSERS);
  const parts = [system ? system[1](system[0]) : null, browser ? `${browser[1]} ${browser[0][1]}` : null].filter(Boolean);
  return {
    hostName: null,
    system: (parts.length > 0 ? parts.join(' · ') : userAgent.trim() || 'browser').slice(0, 200),
    appVersion: appVersion.slice(0, 50),
  };
}
