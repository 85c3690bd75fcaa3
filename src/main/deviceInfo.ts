// What this computer tells the endpoint of itself at sign-in: its name, system and the app's version, so supervisors
// recognise it in the device list (a lost laptop is "ZFQ-LAPTOP-07", not a hash).
import os from 'node:os';
import type { DeviceInfo } from '@shared/api/auth';

const SYSTEM_NAMES: Partial<Record<NodeJS.Platform, string>> = { win32: 'Windows', darwin: 'macOS', linux: 'Linux' };

export interface HostFacts {
  hostname: string;
  platform: NodeJS.Platform;
  /** os.version(): on Windows the edition ("Windows 10 Pro"), elsewhere the kernel build. */
  version: string;
  release: string;
  arch: string;
}

export function deviceInfoOf(host: HostFacts, appVersion: string): DeviceInfo {
  const name = SYSTEM_NAMES[host.platform] ?? host.platform;
  const system = host.platform === 'win32' && host.version.startsWith(name) ? host.version : `${name} ${host.release}`;
  return {
    hostName: host.hostname.trim().slice(0, 200) || null,
    system: `${system} (${host.arch})`.slice(0, 200),
    appVersion: appVersion.slice(0, 50),
  };
}

export function hostDeviceInfo(appVersion: string): DeviceInfo {
  return deviceInfoOf(
    { hostname: os.hostname(), platform: process.platform, version: os.version(), release: os.release(), arch: process.arch },
    appVersion,
  );
}
