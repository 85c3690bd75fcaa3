// A device as an officer recognises it: its computer name (or, for a browser, its system), what it runs, and its id.
import type { ReactNode } from 'react';
import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

/** What a device last told of itself at sign-in; null (or absent) where it never did. */
export interface DeviceFacts {
  deviceId: string;
  hostName?: string | null;
  system?: string | null;
  appVersion?: string | null;
}

/** The app's device ids are UUIDs: their first block tells them apart on screen (the whole id is copyable). */
const shortId = (deviceId: string) => (/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(deviceId) ? deviceId.slice(0, 8) : deviceId);

/** A device by its computer name; a browser, which cannot tell one, by its system; one that never said, by its id. */
export function useDeviceName(): (device: DeviceFacts) => string {
  const { t } = useTranslation();
  return (device) => device.hostName ?? (device.system ? `${t('components.device.browser')} · ${device.system}` : shortId(device.deviceId));
}

/** The device's name with `tags` beside it, then its system and app version, then its copyable short id. */
export function DeviceIdentity({ device, tags }: { device: DeviceFacts; tags?: ReactNode }) {
  const { t } = useTranslation();
  const deviceName = useDeviceName();
  return (
    <Space orientation="vertical" size={0}>
      <Space size="small">
        <Typography.Text strong data-testid="device-name">
          {deviceName(device)}
        </Typography.Text>
        {tags}
      </Space>
      {(device.system || device.appVersion) && (
        <Typography.Text type="secondary" data-testid="device-system">
          {[device.system, device.appVersion && t('components.device.appVersion', { version: device.appVersion })]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
      )}
      <Typography.Text type="secondary" copyable={{ text: device.deviceId }} data-testid="device-id" className="mono">
        {shortId(device.deviceId)}
      </Typography.Text>
    </Space>
  );
}
